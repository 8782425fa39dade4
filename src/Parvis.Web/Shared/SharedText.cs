using System.Resources;

[assembly: NeutralResourcesLanguage("fr")]

namespace Parvis.Web.Shared;

/// <summary>Marker for the interface text: SharedText.resx holds French (the default), SharedText.en.resx English.</summary>
public sealed class SharedText;
