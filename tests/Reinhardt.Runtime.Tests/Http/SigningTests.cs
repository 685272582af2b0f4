using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Reinhardt.Http;
using Xunit;

namespace Reinhardt.Runtime.Tests.Http;

/// <summary>
/// Django's signing, checked against vectors produced by Django 3.2 itself (python3-django, key
/// "reinhardt-test-secret", time.time() pinned to 1700000000 where a timestamp is involved).
/// </summary>
public class SigningTests
{
    private const string Key = "reinhardt-test-secret";
    private static readonly DateTimeOffset DjangoNow = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public void Salted_hmac_matches_django()
    {
        // salted_hmac('salt', 'value', 'secret', algorithm='sha256').hexdigest()
        Assert.Equal("debaddcd9ecbaab181289870baf8af49b0af0a7050d620d1a63f1e69bd87ceb8", Convert.ToHexStringLower(SaltedHmac.Compute("salt", "value", "secret")));
    }

    [Fact]
    public void Signer_sign_matches_django()
    {
        Assert.Equal("hello:f3SZqQmHk96eCD7w5rJptl1n1cavbNK2ZfOoYq8HCjs", new Signer(Key).Sign("hello"));
        Assert.Equal("hello:c7BfUfhoEZn9BOhvlR4s4Dpk7a4fiHZLmZhhKVslXxk", new Signer(Key, salt: "extra").Sign("hello"));
        Assert.Equal("hello/f3SZqQmHk96eCD7w5rJptl1n1cavbNK2ZfOoYq8HCjs", new Signer(Key, separator: "/").Sign("hello"));
    }

    [Fact]
    public void Signer_unsign_returns_the_value_and_rejects_tampering()
    {
        var signer = new Signer(Key);
        Assert.Equal("hello", signer.Unsign("hello:f3SZqQmHk96eCD7w5rJptl1n1cavbNK2ZfOoYq8HCjs"));
        Assert.Equal("a:b:c", signer.Unsign(signer.Sign("a:b:c")));

        var tampered = Assert.Throws<BadSignatureException>(() => signer.Unsign("hellO:f3SZqQmHk96eCD7w5rJptl1n1cavbNK2ZfOoYq8HCjs"));
        Assert.Equal("Signature \"f3SZqQmHk96eCD7w5rJptl1n1cavbNK2ZfOoYq8HCjs\" does not match", tampered.Message);
        Assert.Equal("No \":\" found in value", Assert.Throws<BadSignatureException>(() => signer.Unsign("hello")).Message);
        Assert.Throws<BadSignatureException>(() => new Signer("another-key").Unsign(signer.Sign("hello")));
        Assert.Throws<BadSignatureException>(() => new Signer(Key, salt: "other").Unsign(signer.Sign("hello")));
    }

    [Fact]
    public void Unsafe_separators_are_refused_like_django()
    {
        foreach (var separator in new[] { "", "a", "Z9", "-", "_", "=", "^" })
        {
            Assert.Throws<ArgumentException>(() => new Signer(Key, separator: separator));
        }

        Assert.Equal("x;" + new Signer(Key, separator: ";").Signature("x"), new Signer(Key, separator: ";").Sign("x"));
    }

    [Fact]
    public void Timestamp_signer_matches_django()
    {
        var signer = new TimestampSigner(Key, timeProvider: new FixedTime(DjangoNow));
        Assert.Equal("1r31eq", signer.Timestamp());
        Assert.Equal("hello:1r31eq:we2MpbcijpQwffI_EP0hOdgW9MVmFBW-cuKwlhHo0vE", signer.Sign("hello"));
        Assert.Equal("hello", signer.Unsign("hello:1r31eq:we2MpbcijpQwffI_EP0hOdgW9MVmFBW-cuKwlhHo0vE", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Timestamp_signer_enforces_max_age()
    {
        var clock = new FixedTime(DjangoNow);
        var signer = new TimestampSigner(Key, timeProvider: clock);
        var signed = signer.Sign("hello");
        clock.Now = DjangoNow.AddSeconds(10);
        Assert.Equal("hello", signer.Unsign(signed, TimeSpan.FromSeconds(10)));
        Assert.Equal("hello", signer.Unsign(signed));
        var expired = Assert.Throws<SignatureExpiredException>(() => signer.Unsign(signed, TimeSpan.FromSeconds(9)));
        Assert.Equal("Signature age 10 > 9 seconds", expired.Message);
        Assert.IsAssignableFrom<BadSignatureException>(expired);
    }

    [Fact]
    public void Dumps_matches_django_byte_for_byte()
    {
        var clock = new FixedTime(DjangoNow);
        var value = new JsonObject { ["a"] = 1, ["b"] = "caf\u00e9 <x>", ["c"] = new JsonArray(true, null, 1.5) };
        Assert.Equal(
            "eyJhIjoxLCJiIjoiY2FmXHUwMGU5IDx4PiIsImMiOlt0cnVlLG51bGwsMS41XX0:1r31eq:faXCNAYThra3AJ9YmG_ewzKfDZekIrgHKa1lHA-OSlY",
            Signing.Dumps(value, Key, timeProvider: clock));
        Assert.Equal("InRleHQi:1r31eq:manr8GFqyqNLDt4gH6WXxyYkv03g0I74q0dFKSLIu6Q", Signing.Dumps("text", Key, salt: "my.salt", timeProvider: clock));
    }

    [Fact]
    public void Loads_reads_django_output_including_compressed()
    {
        var loaded = Signing.Loads("eyJhIjoxLCJiIjoiY2FmXHUwMGU5IDx4PiIsImMiOlt0cnVlLG51bGwsMS41XX0:1r31eq:faXCNAYThra3AJ9YmG_ewzKfDZekIrgHKa1lHA-OSlY", Key);
        Assert.Equal("caf\u00e9 <x>", loaded!["b"]!.GetValue<string>());
        Assert.Equal(1.5, loaded["c"]![2]!.GetValue<double>());

        // signing.dumps({"data": "x" * 200}, compress=True)
        var compressed = Signing.Loads(".eJyrVkpJLElUslKqGCZAqRYAvzhhFQ:1r31eq:9_7Ic9JnD0IOZpmq5VacBB91m5W-re20J3_OyZa6kRk", Key);
        Assert.Equal(new string('x', 200), compressed!["data"]!.GetValue<string>());
    }

    [Fact]
    public void Compression_is_used_only_when_shorter_and_round_trips()
    {
        var big = new JsonObject { ["data"] = new string('x', 200) };
        var dumped = Signing.Dumps(big, Key, compress: true);
        Assert.StartsWith(".", dumped);
        Assert.Equal(new string('x', 200), Signing.Loads(dumped, Key)!["data"]!.GetValue<string>());

        var small = Signing.Dumps(new JsonObject { ["a"] = 1 }, Key, compress: true);
        Assert.False(small.StartsWith('.'));
    }

    [Fact]
    public void Loads_rejects_tampering_wrong_salt_and_expiry()
    {
        var clock = new FixedTime(DjangoNow);
        var dumped = Signing.Dumps(new JsonObject { ["user"] = "ada" }, Key, timeProvider: clock);
        var payload = dumped[..dumped.IndexOf(':', StringComparison.Ordinal)];
        var forged = Base64Url.EncodeToString("{\"user\":\"root\"}"u8) + dumped[payload.Length..];
        Assert.Throws<BadSignatureException>(() => Signing.Loads(forged, Key));
        Assert.Throws<BadSignatureException>(() => Signing.Loads(dumped, Key, salt: "other"));
        clock.Now = DjangoNow.AddHours(2);
        Assert.Throws<SignatureExpiredException>(() => Signing.Loads(dumped, Key, maxAge: TimeSpan.FromHours(1), timeProvider: clock));
        Assert.Equal("ada", Signing.Loads(dumped, Key, maxAge: TimeSpan.FromHours(3), timeProvider: clock)!["user"]!.GetValue<string>());
    }

    [Fact]
    public void Fallback_keys_verify_but_never_sign()
    {
        // signing.dumps([1, 2, 3], key='old-key', salt='fallback.test') by Django
        const string fromOldKey = "WzEsMiwzXQ:1r31eq:h_UuzkQnqarYezlwegOpSGIU02B3aVX0m70F1A_l3Do";
        Assert.Throws<BadSignatureException>(() => Signing.Loads(fromOldKey, "new-key", salt: "fallback.test"));
        Assert.Equal("[1,2,3]", Signing.Loads(fromOldKey, "new-key", salt: "fallback.test", fallbackKeys: ["old-key"])!.ToJsonString());

        var secret = new SecretKey("new-key", ["old-key"]);
        Assert.Equal(3, secret.Loads(fromOldKey, salt: "fallback.test")!.AsArray().Count);
        var signed = secret.Signer().Sign("x");
        Assert.Equal("x", new Signer("new-key").Unsign(signed));
        Assert.Throws<BadSignatureException>(() => new Signer("old-key").Unsign(signed));
    }

    [Fact]
    public void Session_encodings_match_django_backends()
    {
        var clock = new FixedTime(DjangoNow);
        var data = new JsonObject { ["user"] = "ada", ["n"] = 42 };

        // SessionStore (signed_cookies): sc['user'] = 'ada'; sc['n'] = 42; sc._get_session_key()
        Assert.Equal(
            "eyJ1c2VyIjoiYWRhIiwibiI6NDJ9:1r31eq:smvgahkpLSnMhtft-YP6X1IU1Cs4Vx3AN5QLhTiuwwQ",
            Signing.Dumps(data, Key, SignedCookieSessionStore.Salt, compress: true, timeProvider: clock));

        // SessionStore (db).encode({'user': 'ada', 'n': 42}); its key_salt is 'django.contrib.sessions.SessionStore'
        Assert.Equal("django.contrib.sessions.SessionStore", DatabaseSessionStore.Salt);
        Assert.Equal(
            "eyJ1c2VyIjoiYWRhIiwibiI6NDJ9:1r31eq:pPiDniw6HmTIz361N2dyb1JVqLoN58kZG8bP2HL7esU",
            Signing.Dumps(data, Key, DatabaseSessionStore.Salt, compress: true, timeProvider: clock));

        // a compressed signed-cookie session written by Django
        var cookie = Signing.Loads(".eJyrViotTi1SslJKTElU0lHKLEnNLVayilaqIBIA9ZCgtJJIoBRbCwD7SUGw:1r31eq:-7xNDnNERm0g4C4Qp7QNX4lwxK1OO_kl2jlXcdhs0f0", Key, SignedCookieSessionStore.Salt);
        Assert.Equal("ada", cookie!["user"]!.GetValue<string>());
        Assert.Equal(new string('y', 40), cookie["items"]![2]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(3.141592653589793, "3.141592653589793")]
    [InlineData(1e300, "1e+300")]
    [InlineData(5e-324, "5e-324")]
    public void Floats_are_written_as_python_json_writes_them(double value, string python) =>
        Assert.Equal("[" + python + "]", Payload(new Signer(Key).SignObject(new JsonArray(value))));

    [Fact]
    public void Strings_are_escaped_as_python_json_escapes_them()
    {
        // json.dumps({"s": "\u00e9\n\t\x01\u2028\U0001F600/<>&'"}, separators=(',', ':'))
        var value = new JsonObject { ["s"] = "\u00e9\n\t\u0001\u2028\U0001F600/<>&'" };
        Assert.Equal("{\"s\":\"\\u00e9\\n\\t\\u0001\\u2028\\ud83d\\ude00/<>&'\"}", Payload(new Signer(Key).SignObject(value)));
        Assert.Equal(value["s"]!.GetValue<string>(), new Signer(Key).UnsignObject(new Signer(Key).SignObject(value))!["s"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_key_comes_from_configuration_with_fallbacks()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecretKey"] = "configured",
            ["SecretKeyFallbacks:0"] = "older",
            ["SecretKeyFallbacks:1"] = "oldest",
        }).Build();
        var key = SecretKey.FromConfiguration(configuration, new Environment(Environments.Production));
        Assert.Equal("configured", key.Value);
        Assert.Equal(["older", "oldest"], key.Fallbacks);
    }

    [Fact]
    public void Missing_secret_key_fails_outside_development_and_is_random_in_development()
    {
        var empty = new ConfigurationBuilder().Build();
        var failure = Assert.Throws<InvalidOperationException>(() => SecretKey.FromConfiguration(empty, new Environment(Environments.Production)));
        Assert.Contains("SecretKey", failure.Message, StringComparison.Ordinal);

        var first = SecretKey.FromConfiguration(empty, new Environment(Environments.Development));
        var second = SecretKey.FromConfiguration(empty, new Environment(Environments.Development));
        Assert.True(first.Value.Length >= 50);
        Assert.NotEqual(first.Value, second.Value);
    }

    private static string Payload(string signed) =>
        Encoding.ASCII.GetString(Base64Url.DecodeFromChars(signed.AsSpan(0, signed.IndexOf(':', StringComparison.Ordinal))));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
