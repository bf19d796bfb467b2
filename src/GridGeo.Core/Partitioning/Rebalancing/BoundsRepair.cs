namespace GridGeo.Core.Partitioning.Rebalancing;

/// <summary>
/// Brings out-of-bounds grids back into Min..Max with as few households moved as possible, in the order the rebalance
/// rules give: a grid over the maximum sheds boundary atoms to neighbours with room; one under the minimum takes boundary
/// atoms from neighbours that can spare them. Each move keeps both grids connected and never touches a locked grid.
/// Among the moves that fix a grid, those that move no more households than needed come first, then those along a long
/// shared boundary (compact grids), then those that keep buildings and compounds whole.
/// </summary>
internal sealed class BoundsRepair(RepairState state, HouseholdBounds bounds)
{
    /// <summary>Moves atoms out of <paramref name="g"/> until it is at most Max; false when no allowed move is left first.</summary>
    public bool Shed(int g)
    {
        while (state.Size[g] > bounds.Max)
        {
            var excess = state.Size[g] - bounds.Max;
            var moved = false;
            foreach (var (a, to) in Candidates(g, outward: true, excess))
            {
                if (!state.ConnectedWithout(g, a)) continue;
                state.Move(a, to);
                moved = true;
                break;
            }
            if (!moved) return false;
        }
        return true;
    }

    /// <summary>Moves atoms into <paramref name="g"/> from neighbours until it is at least Min; false when no neighbour can give first.</summary>
    public bool Absorb(int g)
    {
        while (state.Size[g] < bounds.Min)
        {
            var deficit = bounds.Min - state.Size[g];
            var moved = false;
            foreach (var (a, from) in Candidates(g, outward: false, deficit))
            {
                if (!state.ConnectedWithout(from, a)) continue;
                state.Move(a, g);
                moved = true;
                break;
            }
            if (!moved) return false;
        }
        return true;
    }

    /// <summary>
    /// Hands every atom of <paramref name="g"/> to neighbouring grids (the one with most room first), boundary inwards;
    /// false, with nothing changed, when some atom cannot reach an unlocked neighbour or the neighbours lack the room.
    /// </summary>
    public bool Dissolve(int g)
    {
        var room = 0L;
        var neighbours = new HashSet<int>();
        foreach (var a in state.Members[g])
        {
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h != g && h >= 0 && !state.Locked[h] && !state.IsRider(e.To)) neighbours.Add(h);
            }
        }
        foreach (var h in neighbours) room += Math.Max(0, bounds.Max - state.Size[h]);
        if (neighbours.Count == 0 || room < state.Size[g]) return false;

        var undo = new List<(int Atom, int From)>();
        while (state.Members[g].Count > 0)
        {
            var best = (Atom: -1, To: -1, Score: double.MinValue);
            foreach (var a in state.Members[g])
            {
                foreach (var e in state.Edges(a))
                {
                    var h = state.GridOf[e.To];
                    if (h == g || h < 0 || state.Locked[h] || state.IsRider(e.To)) continue;
                    var fits = state.Size[h] + state.Weight[a] <= bounds.Max ? 1e9 : 0;
                    var score = fits + (bounds.Max - state.Size[h]) + state.SharedWith(a, h) * 1e-3;
                    if (score > best.Score) best = (a, h, score);
                }
            }
            if (best.Atom < 0)
            {
                foreach (var (atom, from) in Enumerable.Reverse(undo)) state.Move(atom, from);
                return false;
            }
            undo.Add((best.Atom, g));
            state.Move(best.Atom, best.To);
        }
        return true;
    }

    private IEnumerable<(int Atom, int Other)> Candidates(int g, bool outward, long need)
    {
        var list = new List<(int Atom, int Other, double Waste, double Shared, double Cut)>();
        var atoms = outward ? state.Members[g] : BorderAtomsOfNeighbours(g);
        foreach (var a in atoms)
        {
            var home = state.GridOf[a];
            var w = state.Weight[a];
            var shared = new Dictionary<int, double>();
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h == home || h < 0 || state.IsRider(e.To)) continue;
                if (outward ? h == g : h != g) continue;
                shared[h] = shared.GetValueOrDefault(h) + e.Length;
            }
            foreach (var (other, length) in shared)
            {
                var from = outward ? g : home;
                var to = outward ? other : g;
                if (state.Locked[from] || state.Locked[to]) continue;
                if (state.Size[to] + w > bounds.Max) continue;
                if (state.Size[from] - w < bounds.Min) continue;
                var cut = CohesionCut(a, from);
                list.Add((a, outward ? other : home, Math.Max(0, w - need), length, cut));
            }
        }
        return list
            .OrderBy(c => c.Waste)
            .ThenBy(c => c.Cut)
            .ThenByDescending(c => c.Shared * Math.Sqrt(state.Weight[c.Atom] + 1))
            .ThenBy(c => c.Atom)
            .Select(c => (c.Atom, c.Other));
    }

    private IEnumerable<int> BorderAtomsOfNeighbours(int g)
    {
        var result = new HashSet<int>();
        foreach (var a in state.Members[g])
        {
            foreach (var e in state.Edges(a))
            {
                var h = state.GridOf[e.To];
                if (h != g && h >= 0 && !state.IsRider(e.To)) result.Add(e.To);
            }
        }
        return result;
    }

    // Moving one stair unit away from the rest of its building, or a building away from its compound, cuts them.
    private double CohesionCut(int a, int from)
    {
        var atom = state.Atoms[a];
        var cut = 0.0;
        foreach (var e in state.Edges(a))
        {
            if (state.GridOf[e.To] != from) continue;
            var other = state.Atoms[e.To];
            if (other.BuildingId == atom.BuildingId) cut += 3;
            else if (atom.CompoundId is not null && other.CompoundId == atom.CompoundId) cut += 0.6;
        }
        return cut;
    }
}
