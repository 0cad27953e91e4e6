/// The rollout's playbook and the role's tasks: the same for every build (what differs is
/// in the inventory and the role's defaults). ROLLOUT practice, in order: stage and check
/// every host's files before anything live changes; nodes one at a time, then the gateway;
/// each firewall with a rollback the host runs by itself unless a new SSH connection gets in;
/// a host's previous files back when a step or its health check fails.
enum AnsibleRole {
    static let site = #"""
        # The rollout of this build: ansible-playbook -i ansible/inventory.yml [-i yours.yml] ansible/site.yml
        - name: Stage and check every host's files; nothing live changes here
          hosts: wfc_all
          gather_facts: false
          any_errors_fatal: true
          tasks:
            - name: Stage and check
              ansible.builtin.include_role:
                name: wfc
                tasks_from: stage

        - name: Roll out the nodes, one at a time
          hosts: wfc_nodes
          gather_facts: false
          serial: 1
          max_fail_percentage: 0
          tasks:
            - name: Roll out this node
              ansible.builtin.include_role:
                name: wfc
                tasks_from: node

        - name: Roll out the gateway
          hosts: wfc_gateway
          gather_facts: false
          serial: 1
          max_fail_percentage: 0
          tasks:
            - name: Roll out the gateway
              ansible.builtin.include_role:
                name: wfc
                tasks_from: gateway

        - name: Roll out the access points, one at a time
          hosts: wfc_access_points
          gather_facts: false
          serial: 1
          max_fail_percentage: 0
          tasks:
            - name: Roll out this access point (the gateway's tasks, on its own files)
              ansible.builtin.include_role:
                name: wfc
                tasks_from: gateway

        - name: Roll out the TURN servers, one at a time
          hosts: wfc_turn
          gather_facts: false
          serial: 1
          max_fail_percentage: 0
          tasks:
            - name: Roll out this TURN server
              ansible.builtin.include_role:
                name: wfc
                tasks_from: turn

        - name: Roll out the firewalls of the media servers and the app server's host, one at a time (janus and the app server are started by hand)
          hosts: wfc_media:wfc_app
          gather_facts: false
          serial: 1
          max_fail_percentage: 0
          tasks:
            - name: Roll out this host's firewall
              ansible.builtin.include_role:
                name: wfc
                tasks_from: host-firewall

        - name: Check the deployment from the controller, as a client would
          hosts: localhost
          gather_facts: false
          tasks:
            - name: Probe
              ansible.builtin.include_role:
                name: wfc
                tasks_from: probe

        """#

    static let tasks: [(name: String, text: String)] = [
        ("stage", stage), ("firewall", firewall), ("firewall-back", firewallBack),
        ("node", node), ("gateway", gateway), ("turn", turn), ("host-firewall", hostFirewall), ("probe", probe)
    ]

    static let stage = #"""
        # Stage this host's files and check them where they will run, on every host at once.
        - name: Create wfc's folders
          ansible.builtin.file:
            path: "{{ item }}"
            state: directory
            mode: "0700"
          loop:
            - "{{ wfc_state }}"
            - "{{ wfc_stage }}"

        - name: Install the firewall helper
          ansible.builtin.copy:
            src: wfc-firewall
            dest: "{{ wfc_state }}/wfc-firewall"
            mode: "0755"

        - name: Stage this host's files from the build
          ansible.builtin.copy:
            src: "{{ wfc_build }}/{{ wfc_folder }}/"
            dest: "{{ wfc_stage }}/"
            mode: "0600"
            directory_mode: "0700"
          # The IM config may hold passwords.
          no_log: true
          diff: false

        - name: Check the staged firewall
          ansible.builtin.command: "{{ wfc_state }}/wfc-firewall {{ wfc_firewall_tool }} test {{ wfc_stage }}"
          changed_when: false
          when: wfc_firewall and wfc_firewall_tool != 'none'

        - name: Check the staged gateway configuration as one tree
          ansible.builtin.command: "{{ wfc_gateway_test }}"
          changed_when: false
          when: wfc_kind in ['gateway', 'access-point']

        - name: Install the IM config check (the server's own rule for a '#' on a line)
          ansible.builtin.copy:
            src: wfc-im-config-check
            dest: "{{ wfc_state }}/wfc-im-config-check"
            mode: "0755"
          when: wfc_kind == 'node'

        # It names a line by number and key only: a value may be a password.
        - name: Check that the server reads every line of the staged and the live IM config
          ansible.builtin.command:
            argv: ["{{ wfc_state }}/wfc-im-config-check", "{{ wfc_stage }}/wildfirechat.conf", "{{ wfc_im_config }}"]
          changed_when: false
          when: wfc_kind == 'node'

        """#

    static let firewall = #"""
        # This host's firewall: applied when it differs from the one last confirmed, or when the
        # live rules are no longer the ones confirmed then (a reboot, a flush, firewalld), with a
        # rollback the host runs by itself, confirmed only over a new SSH connection.
        - name: Compare the staged firewall with the one last applied, and the live rules with those applied then
          ansible.builtin.command: "{{ wfc_state }}/wfc-firewall {{ wfc_firewall_tool }} differs {{ wfc_stage }}"
          register: wfc_fw
          changed_when: false
          failed_when: wfc_fw.rc > 1

        - name: Apply the firewall; the host restores its old rules in {{ wfc_rollback_seconds }} s unless confirmed
          ansible.builtin.command: "{{ wfc_state }}/wfc-firewall {{ wfc_firewall_tool }} apply {{ wfc_stage }} {{ wfc_rollback_seconds }}"
          when: wfc_fw.rc == 1

        - name: Remember that this run changed the firewall
          ansible.builtin.set_fact:
            wfc_fw_applied: "{{ wfc_fw.rc == 1 }}"

        - name: Close the SSH connection (an open one survives any rules, as ESTABLISHED)
          ansible.builtin.meta: reset_connection

        - name: Get in over a new SSH connection, through the new rules
          ansible.builtin.wait_for_connection:
            timeout: "{{ wfc_confirm_timeout }}"
          when: wfc_fw.rc == 1

        - name: Keep the new rules, for the boot too
          ansible.builtin.command: "{{ wfc_state }}/wfc-firewall {{ wfc_firewall_tool }} confirm {{ wfc_stage }}"
          register: wfc_fw_kept
          when: wfc_fw.rc == 1

        - name: Say what would not load them at boot
          ansible.builtin.debug:
            msg: "{{ wfc_fw_kept.stdout }}"
          when: wfc_fw.rc == 1 and wfc_fw_kept.stdout | length > 0

        """#

    /// A rescue's first step: the rules this run applied give way to the ones saved before.
    static let firewallBack = #"""
        - name: Restore the rules saved before this run's apply
          ansible.builtin.command: "{{ wfc_state }}/wfc-firewall {{ wfc_firewall_tool }} rollback {{ wfc_stage }}"
          when: wfc_fw_applied | default(false)

        """#

    static let node = #"""
        # One node: firewall, IM config, restart, health; its previous files back on failure.
        - name: Roll out this node
          block:
            - name: Apply the firewall
              ansible.builtin.include_tasks: firewall.yml
              when: wfc_firewall and wfc_firewall_tool != 'none'

            - name: Keep the IM config as it is, for a rollback
              ansible.builtin.copy:
                src: "{{ wfc_im_config }}"
                dest: "{{ wfc_state }}/wildfirechat.conf.before"
                remote_src: true
                mode: "0600"
              changed_when: false
              no_log: true
              diff: false

            - name: Set this node's keys at the end of the IM config (the last of duplicate keys wins)
              ansible.builtin.blockinfile:
                path: "{{ wfc_im_config }}"
                block: "{{ lookup('ansible.builtin.file', wfc_build + '/' + wfc_folder + '/wildfirechat.conf') }}"
                marker: "# {mark} wfc: this node's network keys"
                mode: "0600"
              register: wfc_im_block
              when: not wfc_im_whole
              no_log: true
              diff: false

            - name: Install the whole IM config (built with --im-base)
              ansible.builtin.copy:
                src: "{{ wfc_stage }}/wildfirechat.conf"
                dest: "{{ wfc_im_config }}"
                remote_src: true
                mode: "0600"
              register: wfc_im_file
              when: wfc_im_whole
              no_log: true
              diff: false

            - name: Restart the IM server (it reads its config only at start)
              ansible.builtin.command: "{{ wfc_im_restart }}"
              when: wfc_im_block is changed or wfc_im_file is changed

            - name: Wait for the IM server to answer /api/version (404 when it runs with http.close_api_version)
              ansible.builtin.uri:
                url: "http://127.0.0.1:{{ wfc_local_port }}/api/version"
                status_code: [200, 404]
                timeout: 10
              register: wfc_health
              until: wfc_health.status in [200, 404]
              retries: "{{ wfc_health_retries }}"
              delay: 2

          rescue:
            - name: Put the previous IM config back
              ansible.builtin.copy:
                src: "{{ wfc_state }}/wildfirechat.conf.before"
                dest: "{{ wfc_im_config }}"
                remote_src: true
                mode: "0600"
              when: (wfc_im_block | default({})) is changed or (wfc_im_file | default({})) is changed
              register: wfc_im_restored
              no_log: true
              diff: false

            - name: Restart the IM server on its previous config
              ansible.builtin.command: "{{ wfc_im_restart }}"
              when: wfc_im_restored is changed

            - name: Put the previous firewall back
              ansible.builtin.include_tasks: firewall-back.yml

            - name: Stop here
              ansible.builtin.fail:
                msg: "{{ inventory_hostname }}: the rollout failed; this host's previous files are back, and the hosts after it are untouched"

        """#

    static let gateway = #"""
        # The gateway or an access point: firewall, configuration tree, reload, the route
        # checked through it from the controller; its previous files back on failure.
        - name: Roll out the gateway
          block:
            - name: Apply the firewall
              ansible.builtin.include_tasks: firewall.yml
              when: wfc_firewall and wfc_firewall_tool != 'none'

            - name: Look at the live gateway files
              ansible.builtin.stat:
                path: "{{ item.destination }}"
              loop: "{{ wfc_gateway_files }}"
              register: wfc_gw_live

            - name: Keep them, for a rollback
              ansible.builtin.copy:
                src: "{{ item.stat.path }}"
                dest: "{{ wfc_state }}/gateway.before.{{ item.item.file | replace('/', '__') }}"
                remote_src: true
                mode: preserve
              loop: "{{ wfc_gw_live.results }}"
              when: item.stat.exists
              changed_when: false

            - name: Create the gateway's folders
              ansible.builtin.file:
                path: "{{ item.destination | dirname }}"
                state: directory
                mode: "0755"
              loop: "{{ wfc_gateway_files }}"

            - name: Install the staged gateway files
              ansible.builtin.copy:
                src: "{{ wfc_stage }}/{{ item.file }}"
                dest: "{{ item.destination }}"
                remote_src: true
                mode: "0644"
              loop: "{{ wfc_gateway_files }}"
              register: wfc_gw_files

            - name: Reload the gateway (open connections stay)
              ansible.builtin.command: "{{ wfc_gateway_reload }}"
              when: wfc_gw_files is changed

            - name: Check the route through the authorized address, as a client would
              ansible.builtin.uri:
                url: "{{ wfc_health_url }}"
                status_code: [200, 404]
                timeout: 10
              delegate_to: localhost
              become: false
              register: wfc_route
              until: wfc_route.status in [200, 404]
              retries: "{{ wfc_health_retries }}"
              delay: 2
              when: wfc_health_url | length > 0

          rescue:
            - name: Put the previous gateway files back
              ansible.builtin.copy:
                src: "{{ wfc_state }}/gateway.before.{{ item.item.file | replace('/', '__') }}"
                dest: "{{ item.item.destination }}"
                remote_src: true
                mode: preserve
              loop: "{{ wfc_gw_live.results | default([]) }}"
              when: item.stat.exists

            - name: Remove the files it did not have before
              ansible.builtin.file:
                path: "{{ item.item.destination }}"
                state: absent
              loop: "{{ wfc_gw_live.results | default([]) }}"
              when: not item.stat.exists

            - name: Reload the gateway on its previous files
              ansible.builtin.command: "{{ wfc_gateway_reload }}"
              failed_when: false

            - name: Put the previous firewall back
              ansible.builtin.include_tasks: firewall-back.yml

            - name: Stop here
              ansible.builtin.fail:
                msg: "{{ inventory_hostname }}: the rollout failed; its previous proxy files are back"

        """#

    static let turn = #"""
        # A TURN server (coturn, installed by its package): firewall, turnserver.conf, restart,
        # its port answering; its previous files back on failure.
        - name: Roll out this TURN server
          block:
            - name: Apply the firewall
              ansible.builtin.include_tasks: firewall.yml
              when: wfc_firewall and wfc_firewall_tool != 'none'

            - name: Keep the coturn configuration as it is, for a rollback
              ansible.builtin.copy:
                src: "{{ wfc_turn_config }}"
                dest: "{{ wfc_state }}/turnserver.conf.before"
                remote_src: true
                mode: "0600"
              changed_when: false
              no_log: true
              diff: false

            # It holds the TURN password: readable by coturn's own user only.
            - name: Install turnserver.conf
              ansible.builtin.copy:
                src: "{{ wfc_stage }}/turnserver.conf"
                dest: "{{ wfc_turn_config }}"
                remote_src: true
                owner: root
                group: turnserver
                mode: "0640"
              register: wfc_turn_file
              no_log: true
              diff: false

            - name: Restart coturn (it reads its configuration only at start)
              ansible.builtin.command: "{{ wfc_turn_restart }}"
              when: wfc_turn_file is changed

            - name: Wait for coturn to listen on its port
              ansible.builtin.wait_for:
                host: "{{ wfc_turn_address }}"
                port: "{{ wfc_turn_port }}"
                timeout: 30

          rescue:
            - name: Put the previous coturn configuration back
              ansible.builtin.copy:
                src: "{{ wfc_state }}/turnserver.conf.before"
                dest: "{{ wfc_turn_config }}"
                remote_src: true
                mode: "0640"
              when: wfc_turn_file is changed
              register: wfc_turn_restored
              no_log: true
              diff: false

            - name: Restart coturn on its previous configuration
              ansible.builtin.command: "{{ wfc_turn_restart }}"
              when: wfc_turn_restored is changed

            - name: Put the previous firewall back
              ansible.builtin.include_tasks: firewall-back.yml

            - name: Stop here
              ansible.builtin.fail:
                msg: "{{ inventory_hostname }}: the rollout failed; this TURN server's previous files are back"

        """#

    static let hostFirewall = #"""
        # A host wfc writes only the firewall of (a media server, the app server's own host),
        # with its rollback. What runs there is the checklist's steps.
        - name: Roll out this host's firewall
          block:
            - name: Apply the firewall
              ansible.builtin.include_tasks: firewall.yml
              when: wfc_firewall and wfc_firewall_tool != 'none'

          rescue:
            - name: Put the previous firewall back
              ansible.builtin.include_tasks: firewall-back.yml

            - name: Stop here
              ansible.builtin.fail:
                msg: "{{ inventory_hostname }}: the rollout failed; this host's previous firewall is back"

        """#

    static let probe = #"""
        # `wfc probe` from the controller, when wfc is on its PATH: every check of CHECKLIST.md.
        - name: Find wfc on the controller
          ansible.builtin.command: sh -c 'command -v wfc'
          register: wfc_bin
          changed_when: false
          failed_when: false

        - name: Probe the deployment (wfc probe)
          ansible.builtin.command:
            argv: "{{ ['wfc', 'probe', wfc_topology] + wfc_probe_args }}"
          changed_when: false
          when: wfc_bin.rc == 0 and wfc_topology | length > 0

        - name: Say why the probe did not run
          ansible.builtin.debug:
            msg: >-
              {{ 'wfc probe skipped: wfc is not on the PATH of the controller' if wfc_bin.rc != 0 else
                 'wfc probe skipped: the build was read from standard input; name the topology with -e wfc_topology=PATH' }}
          when: wfc_bin.rc != 0 or wfc_topology | length == 0

        """#
}
