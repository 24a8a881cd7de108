using Chengguan.Data.Seeding;
using Chengguan.Identity;
using Microsoft.AspNetCore.Identity;

namespace Chengguan.Tests.Data;

public sealed class DemoDistrictTests
{
    [Fact]
    public void Precomputed_demo_hash_verifies_the_printed_demo_password()
    {
        var hasher = new PasswordHasher<AppUser>();
        var user = new AppUser { DisplayName = "x" };
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, DemoDistrict.DemoPasswordHash, DemoDistrict.DemoPassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, DemoDistrict.DemoPasswordHash, "Chengguan@2025"));
    }

    [Fact]
    public void Fourteen_streets_and_town_have_unique_nine_digit_codes_in_jingan()
    {
        Assert.Equal(14, DemoDistrict.Streets.Length);
        Assert.Equal(14, DemoDistrict.Streets.Select(s => s.Code).Distinct().Count());
        Assert.All(DemoDistrict.Streets, s => Assert.Matches("^310106[0-9]{3}$", s.Code));
        Assert.Single(DemoDistrict.Streets, s => s.Town);
    }
}
