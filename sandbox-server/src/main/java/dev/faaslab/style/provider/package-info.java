/**
 * What the providers' handler styles beside Lambda's share: one neutral event for the guest
 * ({@link dev.faaslab.style.provider.ProviderEvent}, read back from the AWS shapes the platform writes), one HTTP
 * envelope for its answer ({@link dev.faaslab.style.provider.ProviderReply}), and the base class that checks a
 * provider's languages, timeout, request size and code at deploy ({@link dev.faaslab.style.provider.ProviderStyle}),
 * with {@code provider.js} and {@code provider.py} beside it.
 */
package dev.faaslab.style.provider;
