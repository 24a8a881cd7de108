using Microsoft.AspNetCore.Components;

namespace Chengguan.Ui;

/// <summary>
/// The fingerprinted addresses of the console's static assets for pages rendered outside the Razor
/// components endpoint (the sign-in page is a minimal-API endpoint, whose <c>Assets</c> knows no
/// fingerprints). The same addresses as the console's own pages, so that what the sign-in page loads is
/// already cached, immutably, when the workbench opens after it.
/// </summary>
public sealed class ConsoleAssets(EndpointDataSource endpoints)
{
    private ResourceAssetCollection? _assets;

    public string this[string path] => "/" + (_assets ??= Find())[path];

    private ResourceAssetCollection Find() =>
        endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(a => a is not null) ?? ResourceAssetCollection.Empty;
}
