-- Feature search: a hold or extension names only reads that its requester's own searches returned
-- (issue 12 item 7), looked up by the searcher.
CREATE INDEX search_result_account ON search_result (account_id);
