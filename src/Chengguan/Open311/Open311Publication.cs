using Chengguan.Cases;
using Chengguan.Privacy;

namespace Chengguan.Open311;

/// <summary>
/// What the anonymous Open311 reading calls publish: the cases of the channels the bureau chose
/// (<c>Open311:PublishChannels</c>), and of each only its public view: the description with
/// personal information masked, the address cut back to the road, the point on a 0.001° grid.
/// Every reading call goes through here, for XML and JSON alike.
/// </summary>
public sealed class Open311Publication
{
    public const string ChannelsKey = "Open311:PublishChannels";

    /// <summary>Reports filed through this interface and what grid staff found on the street.</summary>
    public static readonly CaseChannel[] DefaultChannels = [CaseChannel.Open311, CaseChannel.Patrol, CaseChannel.GridInspector];

    /// <summary>
    /// Never published, whatever the configuration: a hotline order is a caller's own account of
    /// their affairs, given to the 12345/12319 platform, and a residents' committee case is a
    /// neighbour's complaint about named neighbours. Configuring one of these stops the start.
    /// </summary>
    public static readonly CaseChannel[] NeverPublished = [CaseChannel.Hotline12345, CaseChannel.Hotline12319, CaseChannel.ResidentsCommittee];

    private readonly CaseChannel[] _channels;

    public Open311Publication(IConfiguration config)
    {
        _channels = Parse(config.GetSection(ChannelsKey));
    }

    public IReadOnlyList<CaseChannel> Channels => _channels;

    /// <summary>
    /// The channels a configuration section names: a comma list (<c>Open311,Patrol</c>) or an array;
    /// absent means <see cref="DefaultChannels"/>, empty means none. An unknown or never-published
    /// channel is a configuration error, reported with the names that are allowed.
    /// </summary>
    public static CaseChannel[] Parse(IConfigurationSection section)
    {
        List<IConfigurationSection> items = [.. section.GetChildren()];
        if (items.Count == 0 && section.Value is null)
        {
            return DefaultChannels;
        }
        string[] names = items.Count > 0
            ? [.. items.Select(i => i.Value ?? "")]
            : section.Value!.Split([',', ';', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var channels = new List<CaseChannel>();
        foreach (string name in names.Where(n => n.Length > 0))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out CaseChannel channel) || !Enum.IsDefined(channel) || char.IsAsciiDigit(name[0]) || name[0] == '-')
            {
                string allowed = string.Join(", ", Enum.GetNames<CaseChannel>().Except(NeverPublished.Select(c => c.ToString())));
                throw new InvalidOperationException($"{ChannelsKey}: 未知的渠道 \"{name}\"（可公开的渠道：{allowed}）");
            }
            if (NeverPublished.Contains(channel))
            {
                throw new InvalidOperationException($"{ChannelsKey}: 渠道 {channel} 的案件含来电人、居民的个人信息，不得经 Open311 公开（见 docs/personal-data.md）");
            }
            if (!channels.Contains(channel))
            {
                channels.Add(channel);
            }
        }
        return [.. channels];
    }

    public bool IsPublished(CaseChannel channel) => _channels.Contains(channel);

    /// <summary>Only the cases of published channels: an unpublished case is absent, as if it did not exist.</summary>
    public IQueryable<Case> Cases(IQueryable<Case> cases)
    {
        CaseChannel[] channels = _channels;
        return cases.Where(c => channels.Contains(c.Channel));
    }

    /// <summary>The description as the public may read it (names, numbers, flats masked).</summary>
    public static string Description(Case c) => PublicText.Redact(c.Description) ?? "";

    public static string? Address(Case c) => PublicPlace.Address(c.Address);

    public static double? Lat(Case c) => PublicPlace.Coordinate(c.Lat);

    public static double? Lon(Case c) => PublicPlace.Coordinate(c.Lon);
}
