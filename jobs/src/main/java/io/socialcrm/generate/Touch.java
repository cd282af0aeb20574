package io.socialcrm.generate;

/**
 * A customer's engagement with a post or campaign of the brand itself: a reply, repost, quote or shared campaign
 * link on X, a comment or reaction on a Facebook page post, or a click on a UTM link (seen only in the truth and,
 * indirectly, in the order's campaign).
 *
 * @param eventId the customer's post or comment id; for reactions and clicks the brand post's id
 * @param campaignId the campaign of the brand post or link, or null for posts outside campaigns
 */
record Touch(int customer, int profile, String platform, String eventId, long time, String type,
    String campaignId) {}
