using GridGeo.Core.Model;

namespace GridGeo.Core.Partitioning;

/// <summary>
/// How strongly a shared boundary separates two atoms, weakest first: nothing, a soft line (minor
/// road, wall), a major road, a hard line (river, railway).
/// </summary>
public enum BarrierClass : byte
{
    None = 0,
    Soft = 1,
    Major = 2,
    Hard = 3,
}

/// <summary>Maps barrier kinds (contract §1) to their <see cref="BarrierClass"/>.</summary>
public static class BarrierClassOf
{
    public static BarrierClass Kind(string kind) => kind switch
    {
        BarrierKinds.River or BarrierKinds.Railway => BarrierClass.Hard,
        BarrierKinds.MajorRoad => BarrierClass.Major,
        _ => BarrierClass.Soft,
    };
}
