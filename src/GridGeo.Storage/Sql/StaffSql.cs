namespace GridGeo.Storage.Sql;

/// <summary>The statements of <see cref="Staffing.StaffStore"/> and <see cref="Staffing.StaffHandoverWriter"/>.</summary>
internal static class StaffSql
{
    /// <summary>Every person of the roster, locked until the transaction ends (a roster import).</summary>
    public const string LockAll = "select id from staff order by id for update";

    /// <summary>People with their assignments (ordered codes), filtered by optional @id, @street and @code.</summary>
    public const string People = """
        select s.id, s.name, s.phone, s.role, s.street_code,
               coalesce(array(select a.code from staff_assignments a where a.staff_id = s.id order by a.code), '{}')
        from staff s
        where (@id::bigint is null or s.id = @id)
          and (@street::text is null or s.street_code = @street)
          and (@code::text is null or exists (select 1 from staff_assignments a where a.staff_id = s.id and a.code = @code))
        order by s.id
        """;

    /// <summary>Which of @codes is no current grid and no liaison unit of a current grid.</summary>
    public const string UnknownCodes = """
        select x.code from unnest(@codes::text[]) as x(code)
        where not exists (select 1 from grids g join plans p on p.id = g.plan_id and p.status = 'published'
                          where g.valid_to is null and g.code = x.code)
          and not exists (select 1 from liaison_units l
                          join grids g on g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null
                          join plans p on p.id = l.plan_id and p.status = 'published'
                          where l.code = x.code)
        """;

    /// <summary>The current grids (code, basic?, households) and their liaison units of street @street.</summary>
    public const string StreetAreas = """
        select g.code, false, g.kind = 'basic', g.households
        from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and left(g.code, 9) = @street
        union all
        select l.code, true, false, l.households
        from liaison_units l
        join grids g on g.plan_id = l.plan_id and g.code = l.grid_code and g.valid_to is null
        join plans p on p.id = l.plan_id and p.status = 'published'
        where left(g.code, 9) = @street
        """;

    /// <summary>The people serving grid @code: those assigned the grid, and the liaison heads of its units (codes starting with it).</summary>
    public const string ServingGrid = """
        select s.id, s.role, s.name, s.phone, case when length(a.code) = 18 then a.code end
        from staff_assignments a join staff s on s.id = a.staff_id
        where a.code = @code or (length(a.code) = 18 and left(a.code, 15) = @code)
        order by case s.role when 'grid_worker' then 0 when 'grid_head' then 1 else 2 end, a.code, s.id
        """;

    /// <summary>Current basic grids (in the bbox when @has_box) that no grid worker serves: code, households, outline.</summary>
    public const string UnstaffedGrids = """
        select g.code, g.households, g.boundary
        from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and g.kind = 'basic'
          and (@has_box = false or g.boundary && st_makeenvelope(@minx, @miny, @maxx, @maxy, 4326))
          and not exists (select 1 from staff_assignments a join staff s on s.id = a.staff_id and s.role = 'grid_worker' where a.code = g.code)
        order by g.code
        """;

    /// <summary>Changes whenever a person or an assignment is inserted, updated or deleted.</summary>
    public const string Fingerprint = """
        select concat_ws('|',
          (select count(*) || ':' || coalesce(sum(id), 0) || ':' || coalesce(sum(xmin::text::bigint), 0) from staff),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from staff_assignments))
        """;

    public const string StaffOfKey = "select staff_id from staff_keys where key_id = @key_id";

    public const string LinkKey = """
        insert into staff_keys (key_id, staff_id) values (@key_id, @staff_id)
        on conflict (key_id) do update set staff_id = excluded.staff_id
        """;

    // The handover: the areas before and after a plan change, with their members' households.

    /// <summary>Grid rows @ids: id, code, basic?, members (name) with households from grid_members.</summary>
    public const string GridAreas = """
        select g.id, g.code, g.kind = 'basic', m.building_id || coalesce('#' || m.unit::text, ''), m.households
        from grids g left join grid_members m on m.grid_id = g.id
        where g.id = any(@ids)
        """;

    /// <summary>The current grids of other published plans in the communities of plan @id: the grids publishing it replaces.</summary>
    public const string ReplacedGridIds = """
        select g.id from grids g join plans p on p.id = g.plan_id and p.status = 'published'
        where g.valid_to is null and p.id <> @id
          and g.community_code in (select distinct community_code from grids where plan_id = @id)
        """;

    public const string PlanGridIds = "select id from grids where plan_id = @id";

    /// <summary>The liaison units (code, members) of the grid rows @ids.</summary>
    public const string UnitsOfGrids = """
        select l.code, l.members from liaison_units l join grids g on g.plan_id = l.plan_id and g.code = l.grid_code
        where g.id = any(@ids)
        """;

    /// <summary>Liaison units (code, members) of plan @plan_id whose grid is one of @codes.</summary>
    public const string UnitsOfPlanGrids = """
        select code, members from liaison_units where plan_id = @plan_id and grid_code = any(@codes)
        """;

    public const string AssignmentsOf = """
        select a.staff_id, s.role, a.code from staff_assignments a join staff s on s.id = a.staff_id where a.code = any(@codes)
        """;

    public const string DeleteAssignmentsOfCodes = "delete from staff_assignments where code = any(@codes)";

    public const string InsertAssignmentRows = """
        insert into staff_assignments (staff_id, code) select * from unnest(@ids::bigint[], @codes::text[]) on conflict do nothing
        """;
}
