namespace Parvis.Web.Kernel.People;

/// <summary>Links sent by e-mail or printed by commands; they carry the person's id, never their address.</summary>
public static class AccountLinks
{
    public static string Confirm(Guid personId, string token) =>
        $"/account/confirm?id={personId}&token={Uri.EscapeDataString(token)}";

    public static string Reset(Guid personId, string token) =>
        $"/account/reset?id={personId}&token={Uri.EscapeDataString(token)}";
}
