using GridGeo.Core.Lookup;

namespace GridGeo.Core.Tests.Lookup;

public class AddressKeyTests
{
    private const string Full = "贵州省遵义市播州区幸福街道光明路3号1栋2单元302室";

    [Theory]
    [InlineData("贵州省遵义市播州区幸福街道光明路3号1栋2单元302室")]       // as stored
    [InlineData("光明路3号1栋2单元302室")]                                 // no province, city, district, street
    [InlineData("播州区幸福街道光明路3号1栋2单元302")]                     // no province, city; no 室
    [InlineData("遵义市播州区光明路３号１栋２单元３０２室")]               // full-width digits
    [InlineData("光明路3号1号楼2单元302室")]                               // 号楼
    [InlineData("光明路3号1幢2单元302")]                                   // 幢
    [InlineData("光明路3号1座2单元302")]                                   // 座
    [InlineData("光明路3号 1栋 2单元 302室")]                              // spaces
    [InlineData("光明路3号1-2-302")]                                       // dashes
    [InlineData("光明路3号1－2－302室")]                                   // full-width dashes
    [InlineData("光明路3号1栋2-302")]                                      // building then unit-room
    [InlineData("光明路3号，1栋（2单元）302室。")]                         // CJK punctuation
    public void Spelling_variants_of_one_door_plate_share_its_key(string variant)
        => Assert.Equal(AddressKey.Of(Full), AddressKey.Of(variant));

    [Fact]
    public void The_key_drops_the_administrative_prefix_and_keeps_the_door_plate()
        => Assert.Equal("光明路3号1栋2单元302", AddressKey.Of(Full));

    [Theory]
    [InlineData("幸福小区3栋101", "幸福小区3栋101")]                          // 小区 is not a district
    [InlineData("新疆维吾尔自治区乌鲁木齐市天山区幸福街道1号", "1号")]
    [InlineData("和平镇银杏村3组15号附1号", "银杏村3组15号附1号")]
    [InlineData("ABC Road 12", "abcroad12")]
    public void Named_cases(string address, string key) => Assert.Equal(key, AddressKey.Of(address));

    [Theory]
    [InlineData("光明路3号1栋2单元302室", "光明路3号1栋2单元303室")]
    [InlineData("光明路3号1栋2单元302室", "光明路5号1栋2单元302室")]
    public void Different_door_plates_keep_different_keys(string a, string b) => Assert.NotEqual(AddressKey.Of(a), AddressKey.Of(b));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ，。")]
    public void An_address_without_letters_or_digits_has_an_empty_key(string? address) => Assert.Equal("", AddressKey.Of(address));
}
