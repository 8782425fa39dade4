namespace Parvis.Web.Kernel.People;

public static class PersonRules
{
    public const int PseudonymMin = 3;
    public const int PseudonymMax = 40;
    public const int PasswordMin = 10;

    /// <summary>The roles of <see cref="IsStaff"/>.</summary>
    public static readonly Role[] StaffRoles = [Role.Administrator, Role.ProcessManager, Role.Moderator];

    /// <summary>
    /// Staff roles reach other people's data or decide for them: they act only in a session opened with a second
    /// factor, so a password guessed or phished alone reaches nobody's data.
    /// </summary>
    public static bool IsStaff(Role role) => StaffRoles.Contains(role);

}
