namespace Parvis.Web.Kernel.Audit;

/// <summary>What an administrator, process manager or moderator did, kept for accountability.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? ActorId { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string Details { get; set; } = "";
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
}
