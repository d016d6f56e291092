namespace Strongroom.Git.Content;

public enum TreeEntryKind
{
    None,
    File,
    Directory,
}
