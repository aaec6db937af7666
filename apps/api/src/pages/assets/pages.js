/* Planverk pages: charts from data-chart specs, focus after an htmx update. No inline script
 * anywhere, so the pages can run under a strict Content-Security-Policy. */
/* global document, window, Chart */
(function () {
  'use strict';

  var STATUS_COLOURS = {
    not_started: '#8a8f98',
    in_progress: '#2f6fd6',
    done: '#2e8b57',
    postponed: '#d99a1e',
    dropped: '#c0392b',
  };

  function statusChart(canvas, spec) {
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [
          {
            label: 'Tiltak',
            data: spec.values,
            backgroundColor: spec.statuses.map(function (s) {
              return STATUS_COLOURS[s] || '#888';
            }),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function indicatorChart(canvas, spec) {
    return new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: spec.label + ' (målt)',
            data: spec.points,
            showLine: true,
            borderColor: '#2f6fd6',
            backgroundColor: '#2f6fd6',
            pointRadius: 5,
          },
        ].concat(
          spec.targets.length === 0
            ? []
            : [
                {
                  label: 'Mål',
                  data: spec.targets,
                  showLine: false,
                  borderColor: '#b3261e',
                  backgroundColor: '#b3261e',
                  pointStyle: 'rectRot',
                  pointRadius: 8,
                },
              ],
        ),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ' ' + ctx.raw.date + ': ' + ctx.raw.y.toLocaleString('nb-NO');
              },
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            ticks: {
              stepSize: 1,
              callback: function (value) {
                return Number.isInteger(value) ? String(value) : '';
              },
            },
          },
          y: { beginAtZero: true },
        },
      },
    });
  }

  function drawCharts(root) {
    if (typeof Chart === 'undefined' || !root.querySelectorAll) return;
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      canvas.dataset.drawn = 'true';
      var spec = JSON.parse(canvas.dataset.chart);
      if (spec.kind === 'status') statusChart(canvas, spec);
      else if (spec.kind === 'indicator') indicatorChart(canvas, spec);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
  });

  document.addEventListener('htmx:afterSettle', function (event) {
    drawCharts(event.target);
    // The button that was pressed is gone with the old card: move focus to the message.
    var flash = event.target.querySelector && event.target.querySelector('.flash');
    if (flash) {
      flash.setAttribute('tabindex', '-1');
      flash.focus();
    }
  });

  /** The refusal the server sent (its `.flash`, with a sign-in link where that would help), if any. */
  function messageOf(responseText) {
    if (!responseText) return undefined;
    var doc = new window.DOMParser().parseFromString(responseText, 'text/html');
    return doc.querySelector('.flash, .error-message') || undefined;
  }

  /**
   * A refused htmx request (not signed in, no access, an expired form, a server error): its
   * message next to the form that was sent, where the person is looking, instead of nothing.
   */
  function showRefusal(elt, message) {
    var host = (elt.closest && elt.closest('form')) || elt;
    var box = host.querySelector(':scope > .form-refusal');
    if (!box) {
      box = document.createElement('p');
      box.className = 'flash flash-error form-refusal';
      box.setAttribute('role', 'alert');
      host.appendChild(box);
    }
    if (typeof message === 'string') box.textContent = message;
    else
      box.replaceChildren.apply(
        box,
        Array.prototype.map.call(message.childNodes, function (node) {
          return document.importNode(node, true);
        }),
      );
    box.setAttribute('tabindex', '-1');
    box.focus();
  }

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    showRefusal(
      event.detail.elt,
      messageOf(xhr.responseText) ||
        'Handlingen ble avvist (svar ' + xhr.status + '). Last siden på nytt og prøv igjen.',
    );
  });

  document.addEventListener('htmx:sendError', function (event) {
    showRefusal(event.detail.elt, 'Fikk ikke kontakt med Planverk. Sjekk nettforbindelsen og prøv igjen.');
  });

  window.addEventListener('beforeprint', function () {
    if (typeof Chart === 'undefined') return;
    Object.values(Chart.instances).forEach(function (chart) {
      chart.resize();
    });
  });
})();
