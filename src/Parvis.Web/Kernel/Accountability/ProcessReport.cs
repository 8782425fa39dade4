namespace Parvis.Web.Kernel.Accountability;

/// <summary>The texts of a process's report that the organisation writes itself before generating it.</summary>
public sealed class ProcessReport
{
    public const int TextMax = 20_000;

    public Guid ProcessId { get; set; }

    /// <summary>Who asked the council and what they asked ("saisine"); plain text.</summary>
    public string Referral { get; set; } = "";

    public string Introduction { get; set; } = "";
    public string Conclusion { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
