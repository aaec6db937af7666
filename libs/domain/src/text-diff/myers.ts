export type EditOp = 'equal' | 'delete' | 'insert';

/**
 * The shortest edit script between two sequences (Myers 1986, "An O(ND) difference
 * algorithm"): time O((N+M)·D) and memory O(D²), where D is the number of edits, so two
 * versions of a measure that differ in a few words are diffed in about linear time. The
 * common head and tail are matched first, so D counts only the edits. Compares with ===,
 * so callers pass numbers or interned strings.
 * @returns one op per element: 'equal' consumes one of each, 'delete' one of `a`,
 *   'insert' one of `b`, in order.
 */
export function shortestEditScript<T>(a: readonly T[], b: readonly T[]): EditOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const middle = middleScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...Array<EditOp>(head).fill('equal'), ...middle, ...Array<EditOp>(tail).fill('equal')];
}

/**
 * A snapshot of the furthest x reached on each diagonal k (= x - y) before round d: only
 * diagonals -d-1..d+1 can matter in round d, so that is all that is kept.
 */
class Frontier {
  constructor(
    private readonly values: Int32Array,
    private readonly d: number,
  ) {}
  at(k: number): number {
    return this.values[k + this.d + 1]!;
  }
}

function middleScript<T>(a: readonly T[], b: readonly T[]): EditOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Frontier[] = [];
  let done = n === 0 && m === 0;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(new Frontier(v.slice(offset - d - 1, offset + d + 2), d));
    for (let k = -d; k <= d; k += 2) {
      // Step down (an insertion) from diagonal k+1, or right (a deletion) from k-1.
      const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
      let x = down ? v[k + 1 + offset]! : v[k - 1 + offset]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + offset] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  return backtrack(trace, n, m);
}

/** Walks the snapshots back from (n, m) to (0, 0), collecting the ops in reverse. */
function backtrack(trace: Frontier[], n: number, m: number): EditOp[] {
  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v.at(k - 1) < v.at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v.at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    if (d > 0) ops.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}
