namespace Parvis.Web.Shared;

/// <summary>A "datetime-local" field carries no offset: it is read in the installation's time zone.</summary>
public static class LocalTime
{
    /// <summary>The instant, in UTC as the databases store it; a value that came marked as UTC is taken as such.</summary>
    public static DateTimeOffset ToOffset(DateTime local)
    {
        var wall = local.Kind == DateTimeKind.Utc ? local.ToLocalTime() : local;
        return new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), TimeZoneInfo.Local.GetUtcOffset(wall)).ToUniversalTime();
    }

    public static DateTimeOffset? ToOffset(DateTime? local) => local is { } value ? ToOffset(value) : null;
}
