using GridGeo.Core.Staffing;

namespace GridGeo.Core.Tests.Staffing;

public sealed class StaffCoverageCheckerTests
{
    private const string Street = "520321001";
    private const string Urban1 = "520321001001001", Urban2 = "520321001001002";
    private const string Rural1 = "520321001201001", Rural2 = "520321001202001";

    private static StaffPerson Person(long id, string role, params string[] codes) => new(id, $"人{id}", "13800000000", role, Street, codes);

    [Fact]
    public void Each_basic_grid_needs_exactly_one_worker_and_each_liaison_unit_one_head()
    {
        var areas = new[]
        {
            new CoverageArea(Urban1, false, true, 400), new CoverageArea(Urban2, false, true, 380),
            new CoverageArea("520321001001003", false, false, 0), new CoverageArea(Urban1 + "001", true, false, 30),
        };
        var problems = StaffCoverageChecker.Check(areas, [Person(1, StaffRoles.GridWorker, Urban1), Person(2, StaffRoles.GridWorker, Urban1)], StaffCoverageOptions.Default);

        Assert.Equal(["grid_worker_duplicate", "liaison_head_missing", "grid_worker_missing"], problems.Select(p => p.Rule));
        Assert.Equal([Urban1, Urban1 + "001", Urban2], problems.Select(p => p.Code));
        Assert.Equal([1L, 2L], problems[0].People);
    }

    [Fact]
    public void A_worker_may_serve_several_small_rural_grids_only_when_the_setting_allows_it()
    {
        var areas = new[] { new CoverageArea(Rural1, false, true, 120), new CoverageArea(Rural2, false, true, 150), new CoverageArea(Urban1, false, true, 120) };
        var shared = Person(1, StaffRoles.GridWorker, Rural1, Rural2);
        var urban = Person(2, StaffRoles.GridWorker, Urban1);

        Assert.Equal("grid_worker_shared", Assert.Single(StaffCoverageChecker.Check(areas, [shared, urban], StaffCoverageOptions.Default)).Rule);
        Assert.Empty(StaffCoverageChecker.Check(areas, [shared, urban], new StaffCoverageOptions(AllowSharedRuralWorker: true)));
        // An urban grid, or a rural one of 300 households or more, may not share.
        var mixed = Person(1, StaffRoles.GridWorker, Rural1, Urban1);
        Assert.Contains(StaffCoverageChecker.Check(areas, [mixed, Person(3, StaffRoles.GridWorker, Rural2)], new StaffCoverageOptions(true)), p => p.Rule == "grid_worker_shared");
        Assert.Contains(StaffCoverageChecker.Check(areas, [shared, urban], new StaffCoverageOptions(true, SmallGridHouseholds: 130)), p => p.Rule == "grid_worker_shared");
    }

    [Fact]
    public void Assignments_outside_the_street_or_of_no_current_area_are_reported()
    {
        var areas = new[] { new CoverageArea(Urban1, false, true, 400) };
        var outside = new StaffPerson(1, "甲", "13800000000", StaffRoles.GridWorker, Street, [Urban1, "520321002001001"]);
        var unknown = Person(2, StaffRoles.GridHead, "520321001001009");
        var rules = StaffCoverageChecker.Check(areas, [outside, unknown], StaffCoverageOptions.Default).Select(p => p.Rule).ToList();

        Assert.Contains("assignment_outside_street", rules);
        Assert.Contains("assignment_unknown", rules);
    }

    [Theory]
    [InlineData("", "13800000000", "grid_worker", "name")]
    [InlineData("张三", "call me", "grid_worker", "phone")]
    [InlineData("张三", "13800000000", "boss", "role")]
    public void A_person_breaking_a_rule_is_refused_naming_the_field(string name, string phone, string role, string field)
    {
        var ex = Assert.Throws<BadInputException>(() => StaffPersonRules.Validate(new StaffPersonInput(name, phone, role, Street, []), "body", "person"));
        Assert.Contains($"{field}:", ex.Message);
    }

    [Fact]
    public void Assignments_must_match_the_role_and_lie_in_the_persons_street()
    {
        var wrongKind = Assert.Throws<BadInputException>(() => StaffPersonRules.Validate(new StaffPersonInput("张三", "13800000000", StaffRoles.LiaisonHead, null, [Urban1]), "body", "person"));
        Assert.Contains("liaison units (18-digit codes)", wrongKind.Message);
        var twoStreets = Assert.Throws<BadInputException>(() => StaffPersonRules.Validate(new StaffPersonInput("张三", "13800000000", StaffRoles.GridWorker, null, [Urban1, "520321002001001"]), "body", "person"));
        Assert.Contains("not in the person's street 520321001", twoStreets.Message);
        Assert.Equal(Street, StaffPersonRules.Validate(new StaffPersonInput(" 张三 ", "0851-1234567", StaffRoles.GridWorker, null, [Urban1]), "body", "person").Street);
    }
}
