namespace Reinhardt;

/// <summary>
/// A model as Django's content types name it: the generator lists one per model on the <c>[Database]</c> class
/// (<c>ModelContentTypes</c>), so <c>migrate</c> can create the model's content type and its add, change, delete and view
/// permissions without reflection.
/// </summary>
/// <param name="AppLabel">The app label (<c>polls</c>).</param>
/// <param name="Model">Django's <c>model_name</c>: the class name in lower case (<c>question</c>).</param>
/// <param name="VerboseName">Django's default <c>verbose_name</c> (<c>question</c>; <c>BlogPost</c> gives <c>blog post</c>).</param>
public sealed record ModelContentType(string AppLabel, string Model, string VerboseName);
