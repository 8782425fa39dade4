namespace Parvis.Web.Shared;

/// <summary>A "datetime-local" field carries no offset: it is read in the installation's time zone.</summary>
public static class LocalTime
{
    public static DateTimeOffset ToOffset(DateTime local) => new(local, TimeZoneInfo.Local.GetUtcOffset(local));

    public static DateTimeOffset? ToOffset(DateTime? local) => local is { } value ? ToOffset(value) : null;
}
