namespace Parvis.Web.Kernel.Web;

[Flags]
public enum ChangeKind
{
    None = 0,
    Content = 1,
    Organisations = 2,
    Roles = 4,

    /// <summary>Processes, their phases, themes and components: what permission checks read.</summary>
    Processes = 8,

    /// <summary>Who supported what: the personal part of a proposal page.</summary>
    Supports = 16,

    /// <summary>A session ended: the only change that is not Content, since no page shows sessions to others.</summary>
    Sessions = 32,

    /// <summary>Who follows what: the follow buttons of signed-in pages.</summary>
    Follows = 64,

    /// <summary>Everything: what a node assumes when it may have missed news from the others.</summary>
    All = Content | Organisations | Roles | Processes | Supports | Sessions | Follows,
}
