namespace GridGeo.Core.Tests.Model;

public sealed class AdminCodesTests
{
    [Theory]
    [InlineData("520321", true)]
    [InlineData("52032\n", false)] // a query parameter is not trimmed: a newline is no digit
    [InlineData("52032 ", false)]
    [InlineData("５２０３２１", false)] // full-width digits are not ASCII digits
    [InlineData("5203210", false)]
    [InlineData(null, false)]
    public void A_county_code_is_exactly_six_ascii_digits(string? code, bool valid) => Assert.Equal(valid, AdminCodes.IsCountyCode(code));

    [Theory]
    [InlineData("520321001001001", true)]
    [InlineData("52032100100100\n", false)]
    public void A_grid_code_is_exactly_fifteen_ascii_digits(string code, bool valid) => Assert.Equal(valid, AdminCodes.IsGridCode(code));
}
