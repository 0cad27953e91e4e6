-- Neovim's own LSP client against `wfc lsp` (Neovim 0.7 API: start_client, buf_attach_client).
-- Opens the broken topology given on the command line, waits for wfc's diagnostic, applies
-- the quick fix wfc offers for it, writes the file, and waits until the diagnostics clear.
-- Exits 0 on success; on failure prints why and exits 1.
local function fail(why)
  io.stderr:write("nvim-lsp: " .. why .. "\n")
  vim.cmd("cquit 1")
end

local wfc = os.getenv("WFC")
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "wfc",
  cmd = { wfc, "lsp" },
  root_dir = vim.fn.expand("%:p:h"),
})
if not client_id then return fail("could not start wfc lsp") end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  return fail("no diagnostics within 15 s")
end
local d = vim.diagnostic.get(bufnr)[1]
local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
print("diagnostic " .. code .. " on line " .. (d.lnum + 1) .. ": " .. d.message)

local client = vim.lsp.get_client_by_id(client_id)
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
local response = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
if not response or not response.result then return fail("no answer to codeAction") end
local applied = false
for _, action in ipairs(response.result) do
  if action.kind == "quickfix" and action.edit then
    print("applying: " .. action.title)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    applied = true
    break
  end
end
if not applied then return fail("no quick fix offered") end
vim.cmd("write")

if not vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
  return fail("diagnostics did not clear after the fix")
end
print("diagnostics cleared")
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
