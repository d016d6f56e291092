using System.Runtime.CompilerServices;

namespace Strongroom.Scanning.Engine;

/// <summary>How <see cref="KeywordFilter"/> merges its prefix groups down to the SIMD stage's buckets.</summary>
internal sealed partial class KeywordFilter
{
    /// <summary>
    /// Agglomerative merging over a flat matrix of merge costs (groups are values: no allocation per
    /// candidate merge). Each row keeps its cheapest merge (the first column on a tie), so a step scans
    /// the rows' minima and recomputes only the rows whose minimum the merge touched: about n^2 work in
    /// all where scanning the whole matrix at every step was n^3 (most of the native start-up once the
    /// base64 forms brought the groups to a few hundred). The merges, and so the buckets, are the same:
    /// the first pair, in row then column order, of the least growth.
    /// </summary>
    private sealed class GroupMerge
    {
        private readonly List<Group> _groups;
        private readonly int _count;
        private readonly double[] _costs;
        private readonly double[] _growth; // row a, column b > a at a * count + b
        private readonly bool[] _alive;
        private readonly int[] _bestColumn;
        private readonly double[] _bestGrowth;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public GroupMerge(List<Group> groups)
        {
            (_groups, _count) = (groups, groups.Count);
            _costs = new double[_count];
            for (var a = 0; a < _count; a++)
            {
                _costs[a] = groups[a].Cost();
            }

            _growth = new double[_count * _count];
            for (var a = 0; a < _count; a++)
            {
                for (var b = a + 1; b < _count; b++)
                {
                    _growth[(a * _count) + b] = Growth(a, b);
                }
            }

            _alive = new bool[_count];
            Array.Fill(_alive, true);
            _bestColumn = new int[_count];
            _bestGrowth = new double[_count];
            for (var a = 0; a < _count; a++)
            {
                RowMinimum(a);
            }
        }

        /// <summary>Merges the cheapest pair until <paramref name="buckets"/> groups are left; returns them in index order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Group[] MergeDownTo(int buckets)
        {
            for (var remaining = _count; remaining > buckets; remaining--)
            {
                var into = CheapestRow();
                var from = _bestColumn[into];
                _groups[into] |= _groups[from];
                _costs[into] = _groups[into].Cost();
                _alive[from] = false;
                for (var other = 0; other < _count; other++)
                {
                    if (_alive[other] && other != into)
                    {
                        var (low, high) = (Math.Min(into, other), Math.Max(into, other));
                        _growth[(low * _count) + high] = Growth(into, other);
                    }
                }

                UpdateMinima(into, from);
            }

            return [.. Enumerable.Range(0, _count).Where(g => _alive[g]).Select(g => _groups[g])];
        }

        private double Growth(int a, int b) => (_groups[a] | _groups[b]).Cost() - _costs[a] - _costs[b];

        private int CheapestRow()
        {
            var (into, best) = (-1, double.MaxValue);
            for (var a = 0; a < _count; a++)
            {
                if (_alive[a] && _bestColumn[a] >= 0 && _bestGrowth[a] < best)
                {
                    (into, best) = (a, _bestGrowth[a]);
                }
            }

            return into;
        }

        // After merging column `from` into row `into`: rows whose minimum was either, and `into` itself,
        // are rescanned; any other row above `into` can only have gained `into` as a cheaper column.
        private void UpdateMinima(int into, int from)
        {
            for (var row = 0; row < _count; row++)
            {
                if (!_alive[row])
                {
                    continue;
                }

                if (row == into || _bestColumn[row] == into || _bestColumn[row] == from)
                {
                    RowMinimum(row);
                }
                else if (row < into && _growth[(row * _count) + into] is var changed
                    && (changed < _bestGrowth[row] || (changed == _bestGrowth[row] && into < _bestColumn[row])))
                {
                    (_bestColumn[row], _bestGrowth[row]) = (into, changed);
                }
            }
        }

        private void RowMinimum(int row)
        {
            var (column, least) = (-1, double.MaxValue);
            for (var b = row + 1; b < _count; b++)
            {
                if (_alive[b] && _growth[(row * _count) + b] < least)
                {
                    (column, least) = (b, _growth[(row * _count) + b]);
                }
            }

            (_bestColumn[row], _bestGrowth[row]) = (column, least);
        }
    }
}
