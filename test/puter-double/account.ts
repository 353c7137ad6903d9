// Bodies of the account endpoints a proxy may call to validate a token or show credit.

/** `GET /whoami`, shortened from capture 33. */
export const WHOAMI = {
  username: "admin",
  uuid: "a4e853a9-b84b-45cf-8aeb-d72b658a1da3",
  email: null,
  unconfirmed_email: null,
  email_confirmed: true,
  requires_email_confirmation: false,
  requires_phone_verification: false,
  requires_card_verification: false,
  desktop_bg_url: null,
  desktop_bg_color: null,
  desktop_bg_fit: null,
  is_temp: false,
  is_user_token: true,
  referral_code: null,
  oidc_only: false,
  taskbar_items: [],
  otp: false,
  feature_flags: {},
  created_ts: 1795491227,
  human_readable_age: "5 minutes ago",
  metadata: {},
  hasDevAccountAccess: false,
  directories: { "/admin/Desktop": "b44b07f2-4664-4e82-ac8d-81a925b1177d" },
};

/** `GET /metering/usage`: amounts in microcents; a fresh registered user's $0.50 month. */
export const METERING_USAGE = {
  usage: { total: 0 },
  appTotals: {},
  allowanceInfo: { monthUsageAllowance: 50_000_000, remaining: 50_000_000 },
};
