using System.Xml.Linq;

namespace Chengguan.Tests.Infrastructure;

/// <summary>Files of the repository that tests read as text: the console's resource files.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Chengguan")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>The keys of one of the console's resource files (<c>UiText.resx</c>, <c>UiText.en.resx</c>).</summary>
    public static HashSet<string> UiTextKeys(string file) =>
        [.. XDocument.Load(Path.Combine(Root(), "src", "Chengguan", "Ui", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
}
