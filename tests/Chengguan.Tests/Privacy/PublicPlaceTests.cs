using Chengguan.Privacy;

namespace Chengguan.Tests.Privacy;

public sealed class PublicPlaceTests
{
    [Theory]
    [InlineData("南京西路1234号5号楼1203室", "南京西路")]
    [InlineData("江宁路 100 号 弄口", "江宁路")]
    [InlineData("江宁路 1 号", "江宁路")]
    [InlineData("上海市静安区江宁路街道康定路100弄3号", "上海市静安区江宁路街道康定路")]
    [InlineData("静安区曹家渡街道三和居委会", "静安区曹家渡街道三和居委会")]
    [InlineData("静安区 江宁路街道 昌平路", "静安区 江宁路街道 昌平路")]
    [InlineData("江宁路与昌平路路口东北角", "江宁路与昌平路")]
    [InlineData("江宁路口", "江宁路")]
    [InlineData("延安中路高架下", "延安中路")]
    [InlineData("江宁路（近康定路）100号", "江宁路")]
    [InlineData("康定路某某小区5号楼1203室", "康定路")]
    [InlineData("康定路梅园新村12号", "康定路")]
    [InlineData("曹杨新村街道", "曹杨新村街道")]
    [InlineData("江宁路菜市场门口", "江宁路")]
    [InlineData("江宁路超市门口", "江宁路")]
    [InlineData("静安公园东门", "静安公园")]
    [InlineData("江宁路１００号", "江宁路")]
    [InlineData("康定路张先生家门口", "康定路")]
    [InlineData("上海市静安区", "上海市静安区")]
    [InlineData("某某镇某某村村口", "某某镇某某村")]
    public void An_address_is_cut_back_to_its_last_road_or_area_name(string address, string expected) =>
        Assert.Equal(expected, PublicPlace.Address(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5号楼1203室")]
    [InlineData("某某小区门口")]
    [InlineData("张先生家门口")]
    [InlineData("12楼B座")]
    [InlineData("G60沪昆高速")]
    public void An_address_without_a_road_or_area_before_its_numbers_is_not_published(string? address) =>
        Assert.Null(PublicPlace.Address(address));

    [Fact]
    public void A_name_before_the_road_is_masked_too()
    {
        Assert.Equal("某阿姨门前江宁路", PublicPlace.Address("王阿姨门前江宁路 5 号"));
    }

    [Theory]
    [InlineData(31.24553, 31.246)]
    [InlineData(121.427321, 121.427)]
    [InlineData(31.2454999, 31.245)]
    [InlineData(-33.8688197, -33.869)]
    [InlineData(0.0004, 0.0)]
    [InlineData(121.4, 121.4)]
    public void A_coordinate_is_snapped_to_a_thousandth_of_a_degree(double degrees, double expected) =>
        Assert.Equal(expected, PublicPlace.Coordinate(degrees));

    [Fact]
    public void A_missing_or_impossible_coordinate_is_absent()
    {
        Assert.Null(PublicPlace.Coordinate(null));
        Assert.Null(PublicPlace.Coordinate(double.NaN));
        Assert.Null(PublicPlace.Coordinate(double.PositiveInfinity));
    }

    [Fact]
    public void A_snapped_point_is_within_about_75_metres_of_the_real_one_in_shanghai()
    {
        // Half a grid step each way, at 31.3°N: sqrt(55.7² + 47.6²) ≈ 73 m.
        double lat = 31.2995, lon = 121.4995;
        double dLat = (PublicPlace.Coordinate(lat)!.Value - lat) * 111_320;
        double dLon = (PublicPlace.Coordinate(lon)!.Value - lon) * 111_320 * Math.Cos(double.DegreesToRadians(lat));
        Assert.InRange(Math.Sqrt(dLat * dLat + dLon * dLon), 0, 75);
    }
}
