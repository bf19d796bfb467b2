using GridGeo.IO.Bundles;
using GridGeo.Storage.Bundles;
using GridGeo.Storage.Import;
using GridGeo.Testing;

namespace GridGeo.Storage.Tests.Bundles;

public sealed class BundleStoreTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_stored_bundle_reads_back_as_it_was_imported()
    {
        const string county = "130101";
        var original = BundleReader.Read(TestBundle.Write(county));
        await new BundleImporter(db.DataSource).ImportAsync(original);
        await new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write("130102")));

        var loaded = await new BundleStore(db.DataSource).LoadStreetAsync(county + "001");
        Assert.NotNull(loaded);
        Assert.Equal(original.Communities.Select(c => c.Code), loaded.Communities.Select(c => c.Code));
        Assert.Equal(original.Buildings.Select(b => b.Id).Order(), loaded.Buildings.Select(b => b.Id).Order());
        Assert.Equal(original.TotalHouseholds, loaded.TotalHouseholds);
        Assert.Equal(original.Households!.Count, loaded.Households!.Count);
        Assert.Single(loaded.CompoundList);
        Assert.Single(loaded.DedicatedList);
        Assert.Single(loaded.BarrierList);
        var b = loaded.Buildings.Single(x => x.Id == TestBundle.BuildingId(county, 1, 1));
        var o = original.Buildings.Single(x => x.Id == b.Id);
        Assert.Equal(o with { Location = b.Location }, b);
        Assert.True(o.Location.EqualsExact(b.Location, 1e-12));
    }

    [Fact]
    public async Task Loading_some_communities_returns_only_theirs_and_unknown_codes_give_null()
    {
        const string county = "130103";
        await new BundleImporter(db.DataSource).ImportAsync(BundleReader.Read(TestBundle.Write(county)));
        var store = new BundleStore(db.DataSource);
        var east = await store.LoadBundleAsync([TestBundle.CommunityCode(county, 2)]);
        Assert.NotNull(east);
        Assert.Equal(TestBundle.CommunityCode(county, 2), Assert.Single(east.Communities).Code);
        Assert.All(east.Buildings, b => Assert.Equal(TestBundle.CommunityCode(county, 2), b.CommunityCode));
        Assert.Empty(east.CompoundList);
        Assert.Null(await store.LoadBundleAsync(["999999999999"]));
        Assert.Null(await store.LoadStreetAsync("999999999"));
    }
}
