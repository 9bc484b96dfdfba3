from django.urls import path

from thidua.accounts.views import auth, profile, two_factor, users

app_name = "accounts"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("login/verify/", auth.login_verify, name="login_verify"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("two-factor/", two_factor.two_factor, name="two_factor"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("two-factor/codes/", two_factor.two_factor_codes, name="two_factor_codes"),
    path("two-factor/codes/new/", two_factor.two_factor_new_codes, name="two_factor_new_codes"),
    path("two-factor/disable/", two_factor.two_factor_disable, name="two_factor_disable"),
    path("profile/", profile.profile, name="profile"),
    path("profile/tokens/", profile.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", profile.token_revoke, name="token_revoke"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/members/", users.member_search, name="member_search"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", users.user_set_active, name="user_set_active"),
    path(
        "users/<int:pk>/password-email/",
        users.user_send_password_email,
        name="user_send_password_email",
    ),
    path(
        "users/<int:pk>/two-factor/reset/",
        users.user_reset_two_factor,
        name="user_reset_two_factor",
    ),
    path("users/<int:pk>/roles/", users.role_grant, name="role_grant"),
    path("users/<int:pk>/roles/<int:assignment_pk>/revoke/", users.role_revoke, name="role_revoke"),
    path("users/<int:pk>/member/", users.member_link, name="member_link"),
    path("users/<int:pk>/member/unlink/", users.member_unlink, name="member_unlink"),
]
