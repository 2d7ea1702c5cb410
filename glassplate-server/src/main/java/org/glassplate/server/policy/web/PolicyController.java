package org.glassplate.server.policy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The policy in force and its history (public), and the proposal API (administrators). */
@RestController
class PolicyController {
  private final Policies policies;
  private final PolicyProposals proposals;

  PolicyController(Policies policies, PolicyProposals proposals) {
    this.policies = policies;
    this.proposals = proposals;
  }

  record NewProposal(String document, String governingBodyReference, String note) {
  }

  record Approval(String note) {
  }

  @GetMapping("/api/v1/policy")
  Map<String, Object> current() {
    return PolicyJson.policy(policies.current());
  }

  @GetMapping("/api/v1/policy/versions")
  Map<String, Object> versions() {
    return Map.of("versions", policies.versions().stream().map(PolicyJson::summary).toList());
  }

  @GetMapping("/api/v1/policy/versions/{version}")
  Map<String, Object> version(@PathVariable int version) {
    return PolicyJson.policy(policies.version(version).orElseThrow(() -> ApiException.notFound("policy version")));
  }

  @GetMapping("/api/v1/policy/proposals")
  Map<String, Object> proposals(@RequestParam(defaultValue = "50") int limit) {
    List<Map<String, Object>> list = proposals.recent(limit).stream().map(p -> PolicyJson.proposal(p, false)).toList();
    return Map.of("proposals", list);
  }

  @GetMapping("/api/v1/policy/proposals/{id}")
  Map<String, Object> proposal(@PathVariable long id) {
    return PolicyJson.proposal(proposals.find(id).orElseThrow(() -> ApiException.notFound("proposal")), true);
  }

  @PostMapping("/api/v1/policy/proposals")
  ResponseEntity<Map<String, Object>> propose(@RequestBody NewProposal body) {
    var p = proposals.propose(CallerAuthentication.current().orElseThrow(), body.document(),
        body.governingBodyReference(), body.note());
    return ResponseEntity.status(HttpStatus.CREATED).body(PolicyJson.proposal(p, false));
  }

  @PostMapping("/api/v1/policy/proposals/{id}/approvals")
  Map<String, Object> approve(@PathVariable long id, @RequestBody(required = false) Approval body) {
    var outcome = proposals.approve(CallerAuthentication.current().orElseThrow(), id,
        body == null ? null : body.note());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("activated", outcome.activated());
    m.put("message", outcome.message());
    m.put("version", outcome.activated() ? outcome.effective().version() : null);
    m.put("proposal", PolicyJson.proposal(outcome.proposal(), false));
    return m;
  }
}
