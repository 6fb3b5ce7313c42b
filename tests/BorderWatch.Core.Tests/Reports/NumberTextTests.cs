using BorderWatch.Core.Reports.Text;

namespace BorderWatch.Core.Tests.Reports;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData("14", 14, null)]
    [InlineData("1,5", 1.5, null)]
    [InlineData("1.5", 1.5, null)]
    [InlineData("5,500", 5500, 5.5)]
    [InlineData("5.500", 5500, 5.5)]
    [InlineData("0,500", 0.5, null)]
    [InlineData("10,000,000", 10_000_000, null)]
    [InlineData("1,234.5", 1234.5, null)]
    [InlineData("1.234,5", 1234.5, null)]
    [InlineData("12,25", 12.25, null)]
    public void TryParse_WrittenNumbers_ValueAndAmbiguousAlternative(string text, double value, double? alternative)
    {
        Assert.True(NumberText.TryParse(text, out var parsed, out var other));
        Assert.Equal(value, parsed, 6);
        Assert.Equal(alternative, other);
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1.2.3")]
    [InlineData("1,23.4,5")]
    [InlineData("")]
    [InlineData("12a")]
    public void TryParse_Malformed_False(string text) => Assert.False(NumberText.TryParse(text, out _, out _));
}
