namespace Reinhardt.Http;

/// <summary>A signed value whose signature does not verify (Django's <c>signing.BadSignature</c>).</summary>
public class BadSignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BadSignatureException()
        : base("Bad signature.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BadSignatureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public BadSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A signed value whose signature verifies but whose timestamp is older than the maximum age asked for
/// (Django's <c>signing.SignatureExpired</c>, a subclass of <c>BadSignature</c>).
/// </summary>
public class SignatureExpiredException : BadSignatureException
{
    /// <summary>Creates the exception.</summary>
    public SignatureExpiredException()
        : base("Signature expired.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SignatureExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SignatureExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
