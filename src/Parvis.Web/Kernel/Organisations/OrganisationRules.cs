namespace Parvis.Web.Kernel.Organisations;

public static class OrganisationRules
{
    public const int NameMax = 150;
    public const int CharterMax = 20_000;
}
