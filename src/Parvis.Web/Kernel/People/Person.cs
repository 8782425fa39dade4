using Microsoft.AspNetCore.Identity;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// Someone with an account. Their e-mail address is only for signing in and messages:
/// everyone else only ever sees the pseudonym.
/// </summary>
public sealed class Person : IdentityUser<Guid>
{
    public Person() => Id = Guid.CreateVersion7();

    public required string Pseudonym { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>When they last signed in: with their sessions and contributions, what tells the retention purge they are still here.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>When they were told their unused account would be anonymised a month later; cleared when they come back.</summary>
    public DateTimeOffset? RetentionWarnedAt { get; set; }
}

/// <summary>The roles, from most to least powerful. Everyone signed in is at least a participant.</summary>
public enum Role
{
    Administrator,
    ProcessManager,
    Moderator,
    Facilitator,
    Expert,

    /// <summary>Reads the contributions, decides their fate and writes the synthesis (a council's rapporteurs).</summary>
    Analyst,
    Participant,
}

/// <summary>A role given in an organisation, or only in one of its processes when ProcessId is set.</summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid? ProcessId { get; set; }
    public Role Role { get; set; }
    public DateTimeOffset GrantedAt { get; set; } = DateTimeOffset.UtcNow;
}
