using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reinhardt.Http;
using Reinhardt.Testing;
using Reinhardt.Views;
using Xunit;

namespace Reinhardt.Integration.Tests.Http;

/// <summary>
/// Django's tests/csrf_tests (CsrfViewMiddlewareTestMixin and the cookie-based CsrfViewMiddlewareTests), ported to real
/// HTTP against Kestrel: same secrets, same requests, same reasons.
/// </summary>
public sealed class CsrfTests
{
    // Django's test secret and two masked forms of it (tests/csrf_tests/tests.py)
    private const string TestSecret = "lcccccccX2kcccccccY2jcccccccssIC";
    private const string MaskedTestSecret1 = "1bcdefghij2bcdefghij3bcdefghij4bcdefghij5bcdefghij6bcdefghijABCD";
    private const string MaskedTestSecret2 = "2JgchWvM1tpxT2lfz9aydoXW9yT1DN3NdLiejYxOOlzzV4nhBbYqmqZYbAV3V5Bf";
    private const string AllowedChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // ---- missing and malformed cookie and token ----

    [Fact]
    public async Task Post_without_a_cookie_is_rejected_and_logged()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", cookie: null, postToken: MaskedTestSecret2));
        await AssertRejectedAsync(response, "CSRF cookie not set.");
        Assert.Contains(site.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(CsrfMiddleware).FullName
            && e.Message == "Forbidden (CSRF cookie not set.): /post/");
    }

    [Theory]
    [InlineData(null, null, "CSRF token missing.")]
    [InlineData("aaaaaaaaaaaaaaaa", null, "CSRF token from POST has incorrect length.")]
    [InlineData("****************************************************************", null, "CSRF token from POST has invalid characters.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, "CSRF token from POST incorrect.")]
    [InlineData(null, "aaaaaaaaaaaaaaaa", "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.")]
    [InlineData(null, "****************************************************************", "CSRF token from the 'X-Csrftoken' HTTP header has invalid characters.")]
    [InlineData(null, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "CSRF token from the 'X-Csrftoken' HTTP header incorrect.")]
    public async Task Cookie_with_a_bad_or_missing_token_is_rejected(string? postToken, string? headerToken, string reason)
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: postToken, headerToken: headerToken));
        await AssertRejectedAsync(response, reason);
        Assert.Contains(site.Logs.Entries, e => e.Message == "Forbidden (" + reason + "): /post/");
    }

    [Fact]
    public async Task Bad_token_in_a_custom_header_names_that_header()
    {
        await using var site = await CsrfSite.StartAsync(settings: ("Csrf:HeaderName", "X-CSRFToken-Customized"));
        var request = Post("/post/");
        request.Headers.Add("X-CSRFToken-Customized", new string('a', 16));
        using var response = await site.SendAsync(request);
        await AssertRejectedAsync(response, "CSRF token from the 'X-Csrftoken-Customized' HTTP header has incorrect length.");
    }

    [Fact]
    public async Task Token_in_a_custom_header_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync(settings: ("Csrf:HeaderName", "X-CSRFToken-Customized"));
        var request = Post("/post/");
        request.Headers.Add("X-CSRFToken-Customized", MaskedTestSecret2);
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Cookie_with_invalid_characters_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", cookie: new string('*', 64), postToken: MaskedTestSecret2));
        await AssertRejectedAsync(response, "CSRF cookie has invalid characters.");
    }

    [Fact]
    public async Task Cookie_with_incorrect_length_is_rejected_and_replaced()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", cookie: new string('a', 16), postToken: MaskedTestSecret2));
        await AssertRejectedAsync(response, "CSRF cookie has incorrect length.");
        var replacement = CookieValue(response);
        Assert.NotNull(replacement);
        Assert.Equal(32, replacement.Length);
    }

    [Fact]
    public async Task Empty_cookie_counts_as_no_cookie()
    {
        // ASP.NET Core's cookie parser drops an empty value, where Django would say "has incorrect length": a 403 either way
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", cookie: "", postToken: MaskedTestSecret2));
        await AssertRejectedAsync(response, "CSRF cookie not set.");

        // and a page that renders a token sends a new one (Django's test_token_node_empty_csrf_cookie)
        var get = new HttpRequestMessage(HttpMethod.Get, "/token/");
        get.Headers.Add("Cookie", "csrftoken=");
        using var page = await site.SendAsync(get);
        var secret = CookieValue(page);
        Assert.NotNull(secret);
        Assert.Equal(secret, Unmask(await RenderedTokenAsync(page)));
    }

    [Fact]
    public async Task Empty_header_token_is_rejected_as_incorrect_length()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/post/");
        request.Headers.TryAddWithoutValidation("X-CSRFToken", "");
        using var response = await site.SendAsync(request);
        await AssertRejectedAsync(response, "CSRF token from the 'X-Csrftoken' HTTP header has incorrect length.");
    }

    // ---- accepted tokens ----

    [Fact]
    public async Task Cookie_and_form_token_are_accepted()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Token_in_the_header_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", headerToken: MaskedTestSecret2));
        await AssertAcceptedAsync(response);
    }

    [Theory]
    [InlineData(TestSecret, TestSecret, null)]
    [InlineData(TestSecret, MaskedTestSecret2, null)]
    [InlineData(TestSecret, null, TestSecret)]
    [InlineData(TestSecret, null, MaskedTestSecret2)]
    [InlineData(MaskedTestSecret1, TestSecret, null)]
    [InlineData(MaskedTestSecret1, MaskedTestSecret2, null)]
    [InlineData(MaskedTestSecret1, null, TestSecret)]
    [InlineData(MaskedTestSecret1, null, MaskedTestSecret2)]
    public async Task Masked_and_unmasked_cookies_and_tokens_are_accepted_in_every_combination(string cookie, string? postToken, string? headerToken)
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/token/", cookie, postToken, headerToken));
        await AssertAcceptedAsync(response, expectBody: false);
    }

    [Fact]
    public async Task Empty_form_token_falls_back_to_the_header()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: "", headerToken: MaskedTestSecret2));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Json_body_with_header_token_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/post/", headerToken: MaskedTestSecret2);
        request.Content = new StringContent("{\"csrfmiddlewaretoken\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Multipart_form_token_is_accepted_and_the_form_stays_readable()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/echo/");
        request.Content = new MultipartFormDataContent
        {
            { new StringContent(MaskedTestSecret2), CsrfToken.FieldName },
            { new StringContent("Django"), "name" },
        };
        using var response = await site.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Django", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unreadable_form_body_is_a_400_not_a_500()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/post/");
        request.Content = new StringContent("--x\r\nnot a part", System.Text.Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        using var response = await site.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form data is malformed", Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    // ---- methods and exemption ----

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Put_delete_and_patch_are_checked(string method)
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/post/"));
        await AssertRejectedAsync(response, "CSRF cookie not set.");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Put_delete_and_patch_pass_with_cookie_and_header_token(string method)
    {
        await using var site = await CsrfSite.StartAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), "/post/");
        request.Headers.Add("Cookie", "csrftoken=" + MaskedTestSecret1);
        request.Headers.Add("X-CSRFToken", MaskedTestSecret2);
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Put_reads_no_form_field_only_the_header()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/post/", postToken: MaskedTestSecret2);
        request.Method = HttpMethod.Put;
        using var response = await site.SendAsync(request);
        await AssertRejectedAsync(response, "CSRF token missing.");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task Safe_methods_are_not_checked(string method)
    {
        await using var site = await CsrfSite.StartAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), "/post/");
        request.Headers.TryAddWithoutValidation("Origin", "https://www.evil.org");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        using var response = await site.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Exempt_endpoint_accepts_a_post_without_cookie_or_token()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/exempt/", cookie: null);
        request.Headers.TryAddWithoutValidation("Origin", "https://www.evil.org");
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Exempt_endpoint_can_still_render_a_token()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/exempt-token/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSecret, Unmask(await RenderedTokenAsync(response)));
    }

    // ---- Origin ----

    [Fact]
    public async Task Origin_of_another_domain_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "https://www.evil.org"));
        await AssertRejectedAsync(response, "Origin checking failed - https://www.evil.org does not match any trusted origins.");
        Assert.Contains(site.Logs.Entries, e => e.Message == "Forbidden (Origin checking failed - https://www.evil.org does not match any trusted origins.): /post/");
    }

    [Fact]
    public async Task Null_origin_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "null"));
        await AssertRejectedAsync(response, "Origin checking failed - null does not match any trusted origins.");
    }

    [Fact]
    public async Task Origin_with_the_wrong_scheme_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "http://www.example.com"));
        await AssertRejectedAsync(response, "Origin checking failed - http://www.example.com does not match any trusted origins.");
    }

    [Fact]
    public async Task Origin_with_the_wrong_scheme_for_a_wildcard_trusted_origin_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true,
            ("Csrf:TrustedOrigins:0", "http://no-match.com"),
            ("Csrf:TrustedOrigins:1", "https://*.example.com"),
            ("Csrf:TrustedOrigins:2", "http://*.no-match.com"),
            ("Csrf:TrustedOrigins:3", "http://*.no-match-2.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "http://foo.example.com"));
        await AssertRejectedAsync(response, "Origin checking failed - http://foo.example.com does not match any trusted origins.");
    }

    [Fact]
    public async Task Origin_that_cannot_be_parsed_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(settings: ("Csrf:TrustedOrigins:0", "https://*.example.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "https://["));
        await AssertRejectedAsync(response, "Origin checking failed - https://[ does not match any trusted origins.");
    }

    [Fact]
    public async Task Good_origin_over_http_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "http://www.example.com"));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Good_origin_over_https_is_accepted_without_a_referer()
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "https://www.example.com"));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Good_origin_does_not_excuse_a_bad_token()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: new string('a', 64), host: "www.example.com", origin: "http://www.example.com"));
        await AssertRejectedAsync(response, "CSRF token from POST incorrect.");
    }

    [Fact]
    public async Task Trusted_origin_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync(https: true, ("Csrf:TrustedOrigins:0", "https://dashboard.example.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "https://dashboard.example.com"));
        await AssertAcceptedAsync(response);
    }

    [Theory]
    [InlineData("https://foo.example.com", true)]
    [InlineData("https://a.b.example.com", true)]
    [InlineData("https://example.com", true)]
    [InlineData("https://notexample.com", false)]
    [InlineData("https://foo.example.com:8443", false)]
    [InlineData("https://foo.example.com.evil.org", false)]
    public async Task Wildcard_trusted_origin_covers_the_domain_and_its_subdomains(string origin, bool accepted)
    {
        await using var site = await CsrfSite.StartAsync(https: true, ("Csrf:TrustedOrigins:0", "https://*.example.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.org", origin: origin));
        if (accepted)
        {
            await AssertAcceptedAsync(response);
        }
        else
        {
            await AssertRejectedAsync(response, "Origin checking failed - " + origin + " does not match any trusted origins.");
        }
    }

    // ---- Referer, over HTTPS without Origin ----

    [Fact]
    public async Task Https_without_a_referer_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2));
        await AssertRejectedAsync(response, "Referer checking failed - no Referer.");
    }

    [Fact]
    public async Task Http_without_origin_or_referer_needs_only_the_token()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Https_referer_of_another_domain_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", referer: "https://www.evil.org/somepage"));
        await AssertRejectedAsync(response, "Referer checking failed - https://www.evil.org/somepage does not match any trusted origins.");
    }

    [Theory]
    [InlineData("http://http://www.example.com/", "Referer checking failed - Referer is insecure while host is secure.")]
    [InlineData("", "Referer checking failed - Referer is malformed.")]
    [InlineData("//example.com/", "Referer checking failed - Referer is malformed.")]
    [InlineData("https://", "Referer checking failed - Referer is malformed.")]
    [InlineData("https://[", "Referer checking failed - Referer is malformed.")]
    [InlineData("https://[not-ipv6]/", "Referer checking failed - Referer is malformed.")]
    public async Task Https_malformed_referer_is_rejected(string referer, string reason)
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, referer: referer));
        await AssertRejectedAsync(response, reason);
    }

    [Theory]
    [InlineData("https://www.example.com/somepage")]
    [InlineData("https://www.example.com")]
    public async Task Https_referer_of_the_same_host_is_accepted(string referer)
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", referer: referer));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Https_referer_on_another_port_of_the_same_host_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true);
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", referer: "https://www.example.com:8443/page"));
        await AssertRejectedAsync(response, "Referer checking failed - https://www.example.com:8443/page does not match any trusted origins.");
    }

    [Theory]
    [InlineData("https://dashboard.example.com", "https://dashboard.example.com")]
    [InlineData("https://*.example.com", "https://dashboard.example.com/page?x=1")]
    public async Task Https_referer_from_a_trusted_origin_is_accepted(string trusted, string referer)
    {
        await using var site = await CsrfSite.StartAsync(https: true, ("Csrf:TrustedOrigins:0", trusted));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", referer: referer));
        await AssertAcceptedAsync(response);
    }

    [Theory]
    [InlineData("www.example.com", "https://foo.example.com/")]
    [InlineData("www.example.com:4443", "https://foo.example.com:4443/")]
    public async Task Https_referer_within_the_cookie_domain_is_accepted(string host, string referer)
    {
        await using var site = await CsrfSite.StartAsync(https: true, ("Csrf:CookieDomain", ".example.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: host, referer: referer));
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Https_insecure_referer_within_the_cookie_domain_is_rejected()
    {
        await using var site = await CsrfSite.StartAsync(https: true, ("Csrf:CookieDomain", ".example.com"));
        using var response = await site.SendAsync(Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", referer: "http://example.com/"));
        await AssertRejectedAsync(response, "Referer checking failed - Referer is insecure while host is secure.");
    }

    // ---- fetch metadata ----

    [Fact]
    public async Task Cross_site_fetch_metadata_is_rejected_even_with_a_good_token()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = Post("/post/", postToken: MaskedTestSecret2);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        using var response = await site.SendAsync(request);
        await AssertRejectedAsync(response, "Fetch metadata checking failed - Sec-Fetch-Site is cross-site and the Origin is not trusted.");
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("same-site")]
    [InlineData("none")]
    public async Task Other_fetch_metadata_falls_through_to_the_django_checks(string value)
    {
        await using var site = await CsrfSite.StartAsync();
        var good = Post("/post/", postToken: MaskedTestSecret2);
        good.Headers.TryAddWithoutValidation("Sec-Fetch-Site", value);
        using var accepted = await site.SendAsync(good);
        await AssertAcceptedAsync(accepted);

        var bad = Post("/post/");
        bad.Headers.TryAddWithoutValidation("Sec-Fetch-Site", value);
        using var rejected = await site.SendAsync(bad);
        await AssertRejectedAsync(rejected, "CSRF token missing.");
    }

    [Fact]
    public async Task Cross_site_request_from_a_trusted_origin_is_accepted()
    {
        await using var site = await CsrfSite.StartAsync(settings: ("Csrf:TrustedOrigins:0", "http://partner.example.net"));
        var request = Post("/post/", postToken: MaskedTestSecret2, host: "www.example.com", origin: "http://partner.example.net");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    [Fact]
    public async Task Fetch_metadata_check_can_be_turned_off()
    {
        await using var site = await CsrfSite.StartAsync(settings: ("Csrf:FetchMetadataCheck", "false"));
        var request = Post("/post/", postToken: MaskedTestSecret2);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        using var response = await site.SendAsync(request);
        await AssertAcceptedAsync(response);
    }

    // ---- the cookie and the token ----

    [Fact]
    public async Task Get_token_sets_a_cookie_with_djangos_attributes_and_vary_cookie()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/token/"));
        var header = SetCookie(response);
        Assert.NotNull(header);
        var attributes = header.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("max-age=31449600", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", attributes);
        Assert.DoesNotContain("secure", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task Cookie_attributes_follow_the_configuration()
    {
        await using var site = await CsrfSite.StartAsync(false,
            ("Csrf:CookieName", "csrfcookie"),
            ("Csrf:CookieDomain", ".example.com"),
            ("Csrf:CookieAge", "123"),
            ("Csrf:CookiePath", "/test/"),
            ("Csrf:CookieSecure", "true"),
            ("Csrf:CookieHttpOnly", "true"),
            ("Csrf:CookieSameSite", "Strict"));
        using var response = await site.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/token/"));
        var header = SetCookie(response, "csrfcookie");
        Assert.NotNull(header);
        var attributes = header.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("max-age=123", attributes);
        Assert.Contains("domain=.example.com", attributes);
        Assert.Contains("path=/test/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
    }

    [Fact]
    public async Task Get_token_renders_a_fresh_64_character_mask_of_the_cookie_secret()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/token/?twice=1"));
        var secret = CookieValue(response);
        Assert.NotNull(secret);
        Assert.Equal(32, secret.Length);
        Assert.True(secret.All(AllowedChars.Contains), secret);

        var tokens = await RenderedTokensAsync(response);
        Assert.Equal(2, tokens.Count);
        Assert.NotEqual(tokens[0], tokens[1]);
        foreach (var token in tokens)
        {
            Assert.Equal(64, token.Length);
            Assert.True(token.All(AllowedChars.Contains), token);
            Assert.Equal(secret, Unmask(token));
        }

        // and the rendered token, posted back with the cookie, passes
        using var post = await site.SendAsync(Post("/post/", cookie: secret, postToken: tokens[0]));
        await AssertAcceptedAsync(post);
    }

    [Fact]
    public async Task Get_token_with_an_existing_cookie_masks_that_secret_and_renews_the_cookie()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/token/");
        request.Headers.Add("Cookie", "csrftoken=" + TestSecret);
        using var response = await site.SendAsync(request);
        Assert.Equal(TestSecret, Unmask(await RenderedTokenAsync(response)));
        Assert.Equal(TestSecret, CookieValue(response));
    }

    [Fact]
    public async Task Page_without_get_token_sends_no_cookie()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/plain/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookie(response));
        Assert.DoesNotContain("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task Invalid_cookie_is_replaced_on_get()
    {
        await using var site = await CsrfSite.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/plain/");
        request.Headers.Add("Cookie", "csrftoken=badvalue");
        using var response = await site.SendAsync(request);
        var replacement = CookieValue(response);
        Assert.NotNull(replacement);
        Assert.Equal(32, replacement.Length);
    }

    [Fact]
    public async Task Cookie_with_invalid_characters_is_replaced_when_a_token_is_rendered()
    {
        await using var site = await CsrfSite.StartAsync();
        var bad = ("!@#" + MaskedTestSecret2)[..64];
        var request = new HttpRequestMessage(HttpMethod.Get, "/token/");
        request.Headers.TryAddWithoutValidation("Cookie", "csrftoken=" + bad);
        using var response = await site.SendAsync(request);
        var replacement = CookieValue(response);
        Assert.NotNull(replacement);
        Assert.Equal(32, replacement.Length);
        Assert.Equal(replacement, Unmask(await RenderedTokenAsync(response)));
    }

    [Theory]
    [InlineData(TestSecret)]
    [InlineData(MaskedTestSecret1)]
    public async Task Valid_cookie_is_not_replaced_on_get(string cookie)
    {
        await using var site = await CsrfSite.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/plain/");
        request.Headers.Add("Cookie", "csrftoken=" + cookie);
        using var response = await site.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookie(response));
    }

    [Fact]
    public async Task Masked_cookie_is_accepted_and_replaced_by_its_secret()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/token/", cookie: MaskedTestSecret1, postToken: MaskedTestSecret2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSecret, CookieValue(response));
        Assert.Equal(TestSecret, Unmask(await RenderedTokenAsync(response)));
    }

    [Fact]
    public async Task Bare_secret_cookie_is_accepted_and_kept()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/token/", cookie: TestSecret, postToken: MaskedTestSecret2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSecret, CookieValue(response));
        Assert.Equal(TestSecret, Unmask(await RenderedTokenAsync(response)));
    }

    [Fact]
    public async Task Rotate_replaces_the_secret_and_old_tokens_stop_matching()
    {
        await using var site = await CsrfSite.StartAsync();
        using var response = await site.SendAsync(Post("/rotate/", cookie: TestSecret, postToken: MaskedTestSecret2));
        await AssertAcceptedAsync(response);
        var rotated = CookieValue(response);
        Assert.NotNull(rotated);
        Assert.Equal(32, rotated.Length);
        Assert.NotEqual(TestSecret, rotated);
        Assert.Contains("Cookie", response.Headers.Vary);

        using var stale = await site.SendAsync(Post("/post/", cookie: rotated, postToken: MaskedTestSecret2));
        await AssertRejectedAsync(stale, "CSRF token from POST incorrect.");
    }

    [Fact]
    public async Task Trusted_origin_without_a_scheme_fails_at_startup()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Configuration.AddInMemoryCollection([new("Csrf:TrustedOrigins:0", "example.com")]);
        builder.Services.AddReinhardtCsrf(builder.Configuration);
        await using var app = builder.Build();
        app.UseReinhardtCsrf();
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("must start with a scheme", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_token_without_the_middleware_says_what_is_missing()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => CsrfToken.GetToken(new DefaultHttpContext()));
        Assert.Contains("UseReinhardtCsrf", exception.Message, StringComparison.Ordinal);
    }

    // ---- helpers ----

    private static HttpRequestMessage Post(string path, string? cookie = MaskedTestSecret1, string? postToken = null, string? headerToken = null,
        string? host = null, string? origin = null, string? referer = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (postToken is not null)
        {
            fields.Add(new(CsrfToken.FieldName, postToken));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", "csrftoken=" + cookie);
        }

        if (headerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-CSRFToken", headerToken);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }

        return request;
    }

    private static async Task AssertRejectedAsync(HttpResponseMessage response, string reason)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403 ({reason}), got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("CSRF verification failed. Request aborted. " + reason, Text(body));
    }

    private static async Task AssertAcceptedAsync(HttpResponseMessage response, bool expectBody = true)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {Text(body)}");
        if (expectBody)
        {
            Assert.Equal("OK", body);
        }
    }

    // the reason paragraph of an error page
    private static string? Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("p")?.TextContent;

    private static async Task<string> RenderedTokenAsync(HttpResponseMessage response) => (await RenderedTokensAsync(response))[0];

    private static async Task<List<string>> RenderedTokensAsync(HttpResponseMessage response)
    {
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var tokens = document.QuerySelectorAll("input[name=csrfmiddlewaretoken]").Select(i => i.GetAttribute("value") ?? "").ToList();
        Assert.NotEmpty(tokens);
        return tokens;
    }

    private static string? SetCookie(HttpResponseMessage response, string name = "csrftoken") =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) : null;

    private static string? CookieValue(HttpResponseMessage response, string name = "csrftoken") =>
        SetCookie(response, name) is { } header ? header[(name.Length + 1)..].Split(';')[0] : null;

    // Django's _unmask_cipher_token, written out independently of the runtime as the test's oracle
    private static string Unmask(string token)
    {
        Assert.Equal(64, token.Length);
        var secret = new char[32];
        for (var i = 0; i < 32; i++)
        {
            var index = AllowedChars.IndexOf(token[32 + i], StringComparison.Ordinal) - AllowedChars.IndexOf(token[i], StringComparison.Ordinal);
            secret[i] = AllowedChars[(index + AllowedChars.Length) % AllowedChars.Length];
        }

        return new string(secret);
    }

    /// <summary>A small app with the CSRF middleware and Django's test views, on Kestrel over real HTTP.</summary>
    private sealed class CsrfSite : IAsyncDisposable
    {
        private readonly LoopbackApp _app;
        private readonly HttpClient _client;

        private CsrfSite(LoopbackApp app, LogRecorder logs)
        {
            _app = app;
            Logs = logs;
            // cookies are written by hand per request, as Django's tests set request.COOKIES
            _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        }

        public LogRecorder Logs { get; }

        public static Task<CsrfSite> StartAsync(params (string Key, string Value)[] settings) => StartAsync(false, settings);

        public static async Task<CsrfSite> StartAsync(bool https, params (string Key, string Value)[] settings)
        {
            var logs = new LogRecorder();
            var app = await LoopbackApp.StartAsync(args => Build(args, https, settings, logs));
            return new CsrfSite(app, logs);
        }

        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.DisposeAsync();
        }

        private static WebApplication Build(string[] args, bool https, (string Key, string Value)[] settings, LogRecorder logs)
        {
            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
            builder.Logging.AddProvider(logs);
            builder.Services.AddReinhardtCsrf(builder.Configuration);
            var app = builder.Build();
            app.Use(next => new ErrorPageMiddleware(next, app.Environment, app.Services.GetRequiredService<ILogger<ErrorPageMiddleware>>()).InvokeAsync);
            if (https)
            {
                // what a TLS connection (or forwarded headers from a TLS proxy) would have set
                app.Use(next => context =>
                {
                    context.Request.Scheme = "https";
                    return next(context);
                });
            }

            app.UseRouting();
            app.UseReinhardtCsrf();

            RequestDelegate ok = context => context.Response.WriteAsync("OK");
            RequestDelegate token = async context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                var count = context.Request.Query.ContainsKey("twice") ? 2 : 1;
                for (var i = 0; i < count; i++)
                {
                    await context.Response.WriteAsync("<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"" + CsrfToken.GetToken(context) + "\">");
                }
            };
            app.MapMethods("/post/", ["GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "PATCH", "DELETE"], ok);
            app.MapGet("/plain/", ok);
            app.MapMethods("/token/", ["GET", "POST"], token);
            app.MapPost("/exempt/", ok).WithMetadata(new CsrfExemptAttribute("a test of the exemption"));
            app.MapPost("/exempt-token/", token).WithMetadata(new CsrfExemptAttribute("a test of the exemption"));
            app.MapPost("/rotate/", context =>
            {
                CsrfToken.Rotate(context);
                return context.Response.WriteAsync("OK");
            });
            app.MapPost("/echo/", async context =>
            {
                var form = await context.Request.ReadFormAsync();
                await context.Response.WriteAsync(form["name"].ToString());
            });
            return app;
        }
    }

    /// <summary>Keeps every log message, to assert Django's "Forbidden (reason): path" warning.</summary>
    private sealed class LogRecorder : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogRecorder recorder, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                recorder.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
