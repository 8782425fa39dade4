using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// A kind of event people hear of, declared once: the kernel's in <see cref="KernelNotifications"/>, a module's in
/// its manifest. Its texts follow from its key: "Notify.{key}.Label" names it in people's choices, "Notify.{key}.Text"
/// is the sentence of one event (with the event's arguments), and "Notify.{key}.Count" says how many happened ("{0}"
/// is the count) when a digest groups several on one item.
/// </summary>
/// <param name="Key">"{module}.{event}", or a kernel key; unique.</param>
/// <param name="Default">How people hear of it until they choose.</param>
/// <param name="First">
/// What people most want to know (an official answer, a contribution's fate): at the top of every digest and list,
/// each told in full rather than counted.
/// </param>
/// <param name="InFeeds">
/// News of the process as a whole (an answer, a fate, a new version, a phase opening), also in its public Atom feeds;
/// not what concerns a few (a reminder) nor the flow of comments.
/// </param>
public sealed record NotificationKind(string Key, NotificationMode Default, bool First = false, bool InFeeds = false)
{
    public string LabelKey => $"Notify.{Key}.Label";
    public string TextKey => $"Notify.{Key}.Text";
    public string CountKey => $"Notify.{Key}.Count";
}

/// <summary>The kernel's kinds of event; <see cref="ModuleCatalog.NotificationKinds"/> adds the modules'.</summary>
public static class KernelNotifications
{
    /// <summary>A contribution's fate, decided or changed, told to its author and those who follow it.</summary>
    public static readonly NotificationKind FateDecided = new("fate.decided", NotificationMode.Immediately, First: true, InFeeds: true);

    /// <summary>A phase of a followed process opens.</summary>
    public static readonly NotificationKind PhaseOpened = new("phase.opened", NotificationMode.Daily, InFeeds: true);

    /// <summary>A followed process changed after its publication (dates, tools, themes…), with the reason, in its public journal.</summary>
    public static readonly NotificationKind ProcessChanged = new("process.changed", NotificationMode.Daily, InFeeds: true);

    /// <summary>
    /// A recommendation or an action drawn from contributions moves on (started, done, abandoned): told to the authors
    /// of the contributions behind it and to the process's followers.
    /// </summary>
    public static readonly NotificationKind ResultUpdated = new("results.updated", NotificationMode.Daily, First: true, InFeeds: true);

    /// <summary>The answer to the author's contest of a hiding.</summary>
    public static readonly NotificationKind AppealDecided = new("moderation.appeal", NotificationMode.Immediately, First: true);

    /// <summary>A mediator opened unusually many mandates in a day: told to the organisation's administrators at once.</summary>
    public static readonly NotificationKind MediationUnusual = new("mediation.unusual", NotificationMode.Immediately, First: true);

    public static IReadOnlyList<NotificationKind> All => [FateDecided, PhaseOpened, ProcessChanged, ResultUpdated, AppealDecided, MediationUnusual];
}
