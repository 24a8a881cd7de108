using Chengguan.Cases;

namespace Chengguan.Hotline;

/// <summary>
/// The platform's names for its two channels, "12345" (市民热线) and "12319" (城建热线), as they
/// appear in orders, in the urge and withdraw paths and in an import's 渠道 column.
/// </summary>
public static class HotlineChannels
{
    public static bool TryParse(string? text, out CaseChannel channel)
    {
        channel = text switch
        {
            "12345" => CaseChannel.Hotline12345,
            "12319" => CaseChannel.Hotline12319,
            _ => CaseChannel.Other,
        };
        return channel != CaseChannel.Other;
    }
}
