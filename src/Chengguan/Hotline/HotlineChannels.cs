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
            HotlineChannelText.Citizen => CaseChannel.Hotline12345,
            HotlineChannelText.Construction => CaseChannel.Hotline12319,
            _ => CaseChannel.Other,
        };
        return channel != CaseChannel.Other;
    }
}
