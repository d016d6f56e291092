namespace Strongroom.Git.Writing;

public enum FileChangeKind
{
    Add,
    DeleteFile,
    DeleteFolder,
}
