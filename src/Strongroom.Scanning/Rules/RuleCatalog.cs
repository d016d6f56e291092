using Strongroom.Scanning.Engine;

namespace Strongroom.Scanning.Rules;

/// <summary>Every rule Strongroom ships, and the selection a scan runs.</summary>
public static class RuleCatalog
{
    /// <summary>Every rule, including those off by default, for the given options.</summary>
    public static IReadOnlyList<SecretRule> All(ScanOptions? options = null)
    {
        options ??= new ScanOptions();
        List<SecretRule> rules = [StrongroomTokenRule.Create(options.TokenPrefixes)];
        rules.AddRange(ThirdParty().Select(create => create()));
        return rules;
    }

    /// <summary>The rules a scan with <paramref name="options"/> runs.</summary>
    public static IReadOnlyList<SecretRule> Create(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. All(options).Where(rule =>
            (rule.EnabledByDefault || (options.EnableGenericRule && rule.Id == "generic-secret-assignment"))
            && (options.OnlyRules.Count == 0 || options.OnlyRules.Contains(rule.Id)))];
    }

    private static IEnumerable<Func<SecretRule>> ThirdParty() =>
    [
        HuggingFaceUserTokenRule.Create,
        HuggingFaceOrgTokenRule.Create,
        OpenAiApiKeyRule.Create,
        OpenAiProjectKeyRule.Create,
        OpenAiServiceAccountKeyRule.Create,
        OpenAiAdminKeyRule.Create,
        AnthropicApiKeyRule.Create,
        AnthropicAdminKeyRule.Create,
        AnthropicOAuthTokenRule.Create,
        GoogleApiKeyRule.Create,
        GoogleServiceAccountKeyRule.Create,
        GoogleOAuthClientSecretRule.Create,
        AwsAccessKeyIdRule.Create,
        AwsSecretAccessKeyRule.Create,
        AzureStorageConnectionStringRule.Create,
        AzureStorageAccountKeyRule.Create,
        AzureSharedAccessKeyRule.Create,
        AzureAdClientSecretRule.Create,
        AzureOpenAiKeyRule.Create,
        GitHubClassicPatRule.Create,
        GitHubOAuthTokenRule.Create,
        GitHubUserToServerTokenRule.Create,
        GitHubServerToServerTokenRule.Create,
        GitHubRefreshTokenRule.Create,
        GitHubFineGrainedPatRule.Create,
        GitLabPatRule.Create,
        GitLabPipelineTriggerTokenRule.Create,
        GitLabRunnerTokenRule.Create,
        GitLabDeployTokenRule.Create,
        GitLabTokenRule.Create,
        NpmAccessTokenRule.Create,
        PyPiUploadTokenRule.Create,
        DockerHubPatRule.Create,
        SlackBotTokenRule.Create,
        SlackUserTokenRule.Create,
        SlackAppTokenRule.Create,
        SlackConfigTokenRule.Create,
        SlackWebhookRule.Create,
        DiscordWebhookRule.Create,
        DiscordBotTokenRule.Create,
        TelegramBotTokenRule.Create,
        StripeSecretKeyRule.Create,
        StripeRestrictedKeyRule.Create,
        StripeTestKeyRule.Create,
        StripeWebhookSecretRule.Create,
        SendGridApiKeyRule.Create,
        TwilioApiKeyRule.Create,
        TwilioAuthTokenRule.Create,
        ReplicateApiTokenRule.Create,
        GroqApiKeyRule.Create,
        CohereApiKeyRule.Create,
        MistralApiKeyRule.Create,
        TogetherApiKeyRule.Create,
        PineconeApiKeyRule.Create,
        LangSmithApiKeyRule.Create,
        WandbApiKeyRule.Create,
        DatabricksTokenRule.Create,
        DigitalOceanPatRule.Create,
        DigitalOceanOAuthTokenRule.Create,
        DigitalOceanRefreshTokenRule.Create,
        CloudflareApiTokenRule.Create,
        CloudflareGlobalApiKeyRule.Create,
        CloudflareOriginCaKeyRule.Create,
        SupabaseAccessTokenRule.Create,
        SupabaseSecretKeyRule.Create,
        PrivateKeyRule.Create,
        OpenSshPrivateKeyRule.Create,
        PgpPrivateKeyRule.Create,
        JwtRule.Create,
        PostgresUrlRule.Create,
        MySqlUrlRule.Create,
        MongoDbUrlRule.Create,
        RedisUrlRule.Create,
        AmqpUrlRule.Create,
        XaiApiKeyRule.Create,
        PerplexityApiKeyRule.Create,
        OpenRouterApiKeyRule.Create,
        ShopifyAccessTokenRule.Create,
        LinearApiKeyRule.Create,
        NotionTokenRule.Create,
        SentryAuthTokenRule.Create,
        NewRelicUserKeyRule.Create,
        GrafanaServiceAccountTokenRule.Create,
        VaultTokenRule.Create,
        TerraformCloudTokenRule.Create,
        DopplerTokenRule.Create,
        AgeSecretKeyRule.Create,
        HerokuApiKeyRule.Create,
        PostmanApiKeyRule.Create,
        AtlassianApiTokenRule.Create,
        GenericSecretAssignmentRule.Create,    ];
}
