"""Production sign-in: the organisation's OpenID Connect provider (authorization code flow with
state and nonce); the development sign-in is refused; the provider's token reaches the services."""

from __future__ import annotations

from typing import Any

from services.console.app import create_app
from services.console.settings import ConsoleSettings
from shared.embedded.ports import free_port
from shared.runner import principals
from shared.runner.stack import Stack
from tests.console.oidc_provider import provider_app, serving


def test_sign_in_through_the_organisations_provider_and_no_development_sign_in(
        stack: Stack, browser: Any) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    provider = provider_app(base, "cadre-console", "s3cret", stack.issuer, principals.case_officer())
    with serving(provider, port):
        settings = ConsoleSettings(
            cadre_env="production", console_oidc_issuer=base, console_oidc_client_id="cadre-console",
            console_oidc_client_secret="s3cret",
            **{f"console_{name}_url": url for name, url in stack.urls.items()})
        with serving(create_app(settings)) as console:
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.goto(f"{console}/signin")
            assert page.get_by_role("radio").count() == 0  # no demo principals in production
            refused = page.request.post(f"{console}/signin/dev",
                                        form={"principal": principals.case_officer().label})
            assert refused.status == 403 and "开发登录已停用" in refused.text()
            page.get_by_role("link", name="通过本单位统一身份认证登录").click()
            page.wait_for_url(f"{console}/")
            assert "李敏 · 组织部门经办人员 · 包头市委组织部" in page.get_by_test_id("who").inner_text()
            # The desk was read from the services with the provider's token.
            assert page.get_by_test_id("worklist").count() == 1
            assert "refusal" not in page.content()
            # A callback nobody started is not a sign-in.
            other = browser.new_context().new_page()
            other.goto(f"{console}/signin/callback?code=x&state=y")
            assert other.url.endswith("/signin")
            context.close()
