using GridGeo.Core.Lookup;

namespace GridGeo.Core.Tests.Lookup;

public class DoorPlateTests
{
    [Theory]
    [InlineData("贵州省遵义市播州区幸福街道光明路3号1栋2单元302室", "光明路", "3", "", "1", "2", "302")]
    [InlineData("光明路3号1-2-302", "光明路", "3", "", "1", "2", "302")]
    [InlineData("光明路３号１号楼２单元３０２", "光明路", "3", "", "1", "2", "302")]
    [InlineData("幸福小区3幢2单元5层502室", "幸福小区", "", "", "3", "2", "502")]
    [InlineData("幸福小区A座1201", "幸福小区", "", "", "a", "", "1201")]
    [InlineData("光明路3号幸福小区1栋2单元302", "光明路", "3", "幸福小区", "1", "2", "302")]
    [InlineData("和平镇银杏村3组15号附1号", "银杏村3组", "15", "", "", "", "附1")]
    [InlineData("银杏村3组15号", "银杏村3组", "15", "", "", "", "")]
    [InlineData("光明路3号1栋", "光明路", "3", "", "1", "", "")]
    [InlineData("幸福小区", "幸福小区", "", "", "", "", "")]
    public void Takes_a_door_plate_apart(string address, string road, string number, string compound, string building, string unit, string room)
    {
        var p = DoorPlate.Parse(address);
        Assert.Equal((road, number, compound, building, unit, room), (p.Road, p.Number, p.Compound, p.Building, p.Unit, p.Room));
        Assert.False(p.Sloppy);
    }

    [Theory]
    [InlineData("光明路3号1栋2单元302至")]   // a stray character after the room
    [InlineData("光明路3号1栋2元302")]       // 单 missing
    public void Reads_sloppy_text_and_says_so(string address)
    {
        var p = DoorPlate.Parse(address);
        Assert.Equal(("光明路", "3", "1", "2", "302"), (p.Road, p.Number, p.Building, p.Unit, p.Room));
        Assert.True(p.Sloppy);
    }

    [Fact]
    public void A_place_without_any_door_plate_part_has_no_place() => Assert.False(DoorPlate.Parse("！？").HasPlace);
}
