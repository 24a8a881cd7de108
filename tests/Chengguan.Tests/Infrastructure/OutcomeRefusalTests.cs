using Chengguan.Infrastructure;

namespace Chengguan.Tests.Infrastructure;

public sealed class OutcomeRefusalTests
{
    [Fact]
    public void A_refusal_keeps_its_kind_detail_state_and_action_for_another_value()
    {
        FieldErrors errors = new FieldErrors().Add("days", "期限天数须为 1–3650");
        Assert.Same(errors, Assert.IsType<Outcome<string>.Invalid>(new Outcome<int>.Invalid(errors).Refusal<int, string>()).Errors);
        Assert.Equal("不存在", Assert.IsType<Outcome<string>.NotFound>(new Outcome<int>.NotFound("不存在").Refusal<int, string>()).Detail);
        Assert.Equal("无权", Assert.IsType<Outcome<string>.Forbidden>(new Outcome<int>.Forbidden("无权").Refusal<int, string>()).Detail);
        Assert.Equal(new Outcome<string>.Conflict("不能", "Open", "Take"), new Outcome<int>.Conflict("不能", "Open", "Take").Refusal<int, string>());
        Assert.Throws<InvalidOperationException>(() => new Outcome<int>.Done(1).Refusal<int, string>());
    }
}
