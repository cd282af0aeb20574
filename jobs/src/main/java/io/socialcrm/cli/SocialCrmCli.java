package io.socialcrm.cli;

public final class SocialCrmCli {
  public static void main(String[] args) {
  }
}
