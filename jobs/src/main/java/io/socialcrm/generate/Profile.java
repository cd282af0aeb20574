package io.socialcrm.generate;

/**
 * A social account with everything a platform shows about it.
 *
 * @param userId X and Facebook: the numeric user id; LinkedIn: the member URN
 * @param handle X: the username; LinkedIn: the vanity name in the profile URL; Facebook: null
 */
record Profile(
    ProfileCore core,
    String userId,
    String handle,
    String displayName,
    String location,
    String bio,
    String url,
    long followers,
    long following,
    long postCount,
    String headline,
    String profileUrl) {
}
