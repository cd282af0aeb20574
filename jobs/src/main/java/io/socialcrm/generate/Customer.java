package io.socialcrm.generate;

/**
 * A CRM customer as stored on one day. The names are as the CRM keeps them (sometimes without accents, or the
 * last name in capitals); {@link #person} is the real person behind the record.
 */
record Customer(
    int index,
    Person person,
    String firstName,
    String lastName,
    String email,
    String phone,
    String city,
    String segment,
    String language,
    int company,
    long createdAt,
    long updatedAt,
    String xHandle,
    String facebookProfile,
    String linkedinProfile) {

  String id() {
    return Ids.customerId(index);
  }

  String country() {
    return person.country().code();
  }

  /** The e-mail's local part (before the @), or null. */
  String emailLocalPart() {
    return email == null ? null : email.substring(0, email.indexOf('@'));
  }
}
