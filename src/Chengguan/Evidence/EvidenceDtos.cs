namespace Chengguan.Evidence;

public sealed record EvidenceDto(
    Guid Id, EvidenceKind Kind, EvidencePurpose Purpose, string ContentType, string Sha256, string PublicSha256, long Size, string FileName,
    int Version, Guid? SupersedesId, bool Superseded, DateTimeOffset? TakenAt, double? Lon, double? Lat, DateTimeOffset UploadedAt, string? UploadedBy)
{
    public static EvidenceDto From(EvidenceItem e, bool superseded) => new(
        e.Id, e.Kind, e.Purpose, e.ContentType, e.Sha256, e.PublicSha256, e.Size, e.FileName, e.Version, e.SupersedesId, superseded,
        e.TakenAt, e.Lon, e.Lat, e.UploadedAt, e.UploadedBy);
}

/// <summary>A before photo and the after photo that answers it (处置前后对比).</summary>
public sealed record EvidencePair(EvidenceDto Before, EvidenceDto? After);

public sealed record EvidenceList(IReadOnlyList<EvidenceDto> Items, IReadOnlyList<EvidencePair> Pairs);

/// <summary>A stored file to send: where it lies, and the type and name it goes out with.</summary>
public sealed record EvidenceFile(string Path, string ContentType, string FileName);

/// <summary>A file as it arrives (a form part, a photo from the phone): the name it was sent with and a way to read its bytes.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> Open)
{
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(file))]
    public static IncomingFile? From(IFormFile? file) => file is null ? null : new(file.FileName, file.Length, file.OpenReadStream);

    public static IncomingFile From(string fileName, byte[] content) => new(fileName, content.Length, () => new MemoryStream(content, writable: false));
}

/// <summary>
/// Files whose bytes are stored but which have no row yet: what came with a case the caller is about to
/// open. <see cref="Skipped"/> counts the files the store refused (unknown content, too large).
/// </summary>
public sealed class StoredFiles
{
    internal StoredFiles(IReadOnlyList<(StoredFile File, string Name)> files, int skipped) => (Files, Skipped) = (files, skipped);

    internal IReadOnlyList<(StoredFile File, string Name)> Files { get; }

    public int Count => Files.Count;

    public int Skipped { get; }
}
