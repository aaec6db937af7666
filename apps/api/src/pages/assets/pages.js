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

  /**
   * Where the value axis of the status chart ends. When one status dwarfs the rest (84 not
   * started against 2, 2, 1, 0), a linear axis to 84 leaves the others as slivers: the axis is
   * then cut at a little over the second largest count, and the bar that runs past it is drawn
   * broken (a zigzag) with its true number, so every bar can be read and compared.
   */
  function statusAxisEnd(values) {
    var sorted = values.slice().sort(function (a, b) {
      return b - a;
    });
    var largest = sorted[0] || 0;
    var second = sorted[1] || 0;
    if (second === 0 || largest <= second * 4) return undefined;
    return Math.max(5, Math.ceil(second * 2.5));
  }

  /** Each bar's number at its end, and the zigzag on a bar that runs past the cut axis. */
  var barNumbers = {
    id: 'planverkBarNumbers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var area = chart.chartArea;
      var meta = chart.getDatasetMeta(0);
      var values = chart.data.datasets[0].data;
      ctx.save();
      ctx.font = '600 13px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      meta.data.forEach(function (bar, i) {
        var value = values[i];
        var broken = bar.x > area.right - 1;
        var x = Math.min(bar.x, area.right);
        if (broken) {
          // Two white slanted cuts across the bar: it goes on beyond the axis.
          var h = bar.height / 2 + 2;
          ctx.strokeStyle = '#fff';
          ctx.lineWidth = 3;
          [-22, -14].forEach(function (dx) {
            ctx.beginPath();
            ctx.moveTo(x + dx - 4, bar.y + h);
            ctx.lineTo(x + dx + 4, bar.y - h);
            ctx.stroke();
          });
        }
        var text = value.toLocaleString('nb-NO');
        ctx.fillStyle = broken ? '#fff' : '#1a1a1a';
        ctx.textAlign = broken ? 'right' : 'left';
        ctx.fillText(text, broken ? x - 30 : x + 6, bar.y);
      });
      ctx.restore();
    },
  };

  function statusChart(canvas, spec) {
    var axisEnd = statusAxisEnd(spec.values);
    if (axisEnd !== undefined) canvas.dataset.axisCut = String(axisEnd);
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: [
          {
            label: 'Tiltak',
            data: spec.values,
            // A status with a single measure still shows as a bar.
            minBarLength: 4,
            // ...but none does, with its 0 beside the axis.
            backgroundColor: spec.statuses.map(function (s, i) {
              return spec.values[i] === 0 ? 'transparent' : STATUS_COLOURS[s] || '#888';
            }),
          },
        ],
      },
      plugins: [barNumbers],
      options: {
        indexAxis: 'y',
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: { right: 32 } },
        plugins: { legend: { display: false } },
        scales: {
          x: {
            beginAtZero: true,
            ticks: { precision: 0 },
            max: axisEnd,
            title:
              axisEnd === undefined
                ? { display: false }
                : { display: true, text: 'Aksen er kuttet ved ' + axisEnd + ': den lengste søylen er brutt' },
          },
        },
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
                return ctx.dataset.label + ' ' + ctx.raw.date + ': ' + ctx.raw.value;
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
