namespace GridGeo.Storage.Sql;

/// <summary>Statements of <see cref="Plans.PlanRunner"/>: resolving what a partition run covers.</summary>
public static class PlanRunSql
{
    public const string AllCommunities = "select code from communities order by code";

    public const string StreetCommunities = "select code from communities where street_code = @street order by code";

    public const string KnownCommunities = "select code from communities where code = any(@codes) order by code";
}
