namespace Strongroom.Git.Writing;

/// <summary>Branch names git itself accepts (<c>git check-ref-format</c>'s rules, through libgit2), up to 255 bytes.</summary>
public static class BranchName
{
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name != "HEAD" && name.All(c => c is > ' ' and < (char)0x7f)
        && LibGit2Sharp.Reference.IsValidName("refs/heads/" + name);
}
