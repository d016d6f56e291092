namespace Strongroom.Server.Features.Repos.Commits;

/// <summary>Body of <c>POST …/preupload/{rev}</c>, as the hub's clients send it.</summary>
public sealed record PreuploadRequest(IReadOnlyList<PreuploadFile>? Files, string? GitAttributes);

public sealed record PreuploadFile(string? Path, long Size, string? Sample);

/// <summary>How each file is to be sent: always <c>regular</c> (inline in the commit), as there is no LFS here.</summary>
public sealed record PreuploadResponse(IReadOnlyList<PreuploadAnswer> Files);

public sealed record PreuploadAnswer(string Path, string UploadMode, bool ShouldIgnore);

/// <summary>The answer to a commit, in the hub's shape: <c>hookOutput</c> carries push protection's warnings.</summary>
public sealed record CommitResponse(bool Success, string CommitOid, string CommitUrl, string HookOutput);
